#pragma once

#include "topologylayout.h"

#include <QColor>
#include <QPalette>

namespace flowlens {

// The colours of the topology picture. Light for paper and light desktops; dark when the widget's
// palette is dark (as the timeline follows it): dark fills, light text, brighter traffic.
struct TopologyTheme {
    struct BoxColors {
        QColor fill;
        QColor border;
    };
    bool dark = false;
    QColor background;
    QColor text;
    QColor detailText;
    QColor labelFill; // behind link labels
    QColor legendFill;
    QColor legendBorder;
    QColor highlight; // the selection's path
    QColor trafficTint; // nodes with traffic blend toward it
    QColor accepted; // traffic links
    QColor rejected;
    QColor peeringActive;
    QColor peeringPending;
    QColor peeringOther;
    BoxColors internet;
    BoxColors vpc;
    BoxColors publicSubnet;
    BoxColors privateSubnet;
    BoxColors natGateway;
    BoxColors internetGateway;
    BoxColors networkInterface;

    BoxColors box(TopologyLayout::Kind kind, bool publicSubnet) const;
    QColor peering(const QString& status) const;

    static TopologyTheme light();
    static TopologyTheme darkTheme();
    // Dark when the palette's base (the view's background) is dark.
    static TopologyTheme forPalette(const QPalette& palette);
};

} // namespace flowlens
