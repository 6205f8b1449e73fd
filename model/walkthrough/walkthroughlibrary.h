#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace flowlens {

// A script found in one of the walkthrough folders; `error` is set when it does not parse.
struct WalkthroughEntry {
    QString path;
    QString id; // file base name
    QString title; // the script's title, else its file name
    QString error;
};

// Finds the walkthroughs: every *.json in the bundled folder and in the user's folder, so adding
// one is dropping a file there (no C++).
class WalkthroughLibrary {
public:
    static QString bundledFolder() { return QStringLiteral(":/flowlens/walkthroughs"); }
    // <AppDataLocation>/walkthroughs, e.g. ~/.local/share/FlowLens/FlowLens/walkthroughs.
    static QString userFolder();
    static QStringList defaultFolders() { return { bundledFolder(), userFolder() }; }

    // Sorted by title within each folder, bundled ones first; a user script with the same id as a
    // bundled one comes after it, both listed.
    static std::vector<WalkthroughEntry> list(const QStringList& folders = defaultFolders());
    // Where a bundled lab is copied to so the loader can read it.
    static QString labCacheFolder(const QString& labId);
};

} // namespace flowlens
