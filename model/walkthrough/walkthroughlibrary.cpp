#include "walkthroughlibrary.h"

#include "walkthroughparser.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>

namespace flowlens {

QString WalkthroughLibrary::userFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("walkthroughs"));
}

std::vector<WalkthroughEntry> WalkthroughLibrary::list(const QStringList& folders)
{
    std::vector<WalkthroughEntry> entries;
    for (const QString& folder : folders) {
        std::vector<WalkthroughEntry> here;
        const QFileInfoList files = QDir(folder).entryInfoList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        for (const QFileInfo& file : files) {
            WalkthroughEntry entry;
            entry.path = file.filePath();
            entry.id = file.completeBaseName();
            const auto walkthrough = WalkthroughParser::parseFile(entry.path, entry.error);
            entry.title = walkthrough ? walkthrough->title : file.fileName();
            here.push_back(entry);
        }
        std::stable_sort(here.begin(), here.end(), [](const WalkthroughEntry& a, const WalkthroughEntry& b) {
            return QString::localeAwareCompare(a.title, b.title) < 0;
        });
        entries.insert(entries.end(), here.begin(), here.end());
    }
    return entries;
}

QString WalkthroughLibrary::labCacheFolder(const QString& labId)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (folder.isEmpty()) {
        folder = QDir::tempPath();
    }
    return QDir(folder).filePath(QStringLiteral("labs/") + labId);
}

} // namespace flowlens
