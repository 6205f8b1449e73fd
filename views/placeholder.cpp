// Widgets live here.
