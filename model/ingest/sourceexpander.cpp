// Turns the paths a user gives (files and folders) into the files to read.
//
// Rule: a file named explicitly is always kept (the reader then says what it is). Inside folders,
// hidden entries (a leading dot, or hidden to the OS) are skipped, as are files whose extension says
// they cannot hold flow logs: pictures, documents, archives other than gzip, programs, source code,
// checksums and FlowLens's own .flowlens files. Everything else is kept, extension or not, because S3
// objects and exports come with many names (.log, .gz, .txt, .json, .jsonl, .csv, .parquet, none).
#include "ingest/containers.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <algorithm>

namespace flowlens {

namespace {

bool isDeniedByName(const QString& fileName)
{
    static const QSet<QString> denied = [] {
        QSet<QString> set;
        for (const char* ext :
            { "md", "markdown", "rst", "pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "html",
                "htm", "css", "js", "xml", "yml", "yaml", "toml", "ini", "cfg", "png", "jpg", "jpeg", "gif", "bmp",
                "svg", "ico", "webp", "tif", "tiff", "mp3", "mp4", "mov", "avi", "wav", "zip", "7z", "rar", "tar",
                "tgz", "xz", "bz2", "zst", "lz4", "exe", "dll", "so", "dylib", "o", "a", "bin", "class", "jar", "pyc",
                "py", "sh", "c", "h", "cpp", "hpp", "md5", "sha1", "sha256", "sig", "asc", "flowlens" }) {
            set.insert(QString::fromLatin1(ext));
        }
        return set;
    }();
    const QString lower = fileName.toLower();
    const qsizetype dot = lower.lastIndexOf(QLatin1Char('.'));
    return (dot > 0 && denied.contains(lower.mid(dot + 1))) || lower.endsWith(QLatin1String(".tar.gz"));
}

bool isHidden(const QFileInfo& info)
{
    return info.fileName().startsWith(QLatin1Char('.')) || info.isHidden();
}

void collectFolder(const QString& folder, QStringList& files, QStringList& errors)
{
    const QDir dir(folder);
    if (!dir.isReadable()) {
        errors << QStringLiteral("cannot read the folder %1").arg(QDir::toNativeSeparators(folder));
        return;
    }
    // Symbolic links to folders are not followed: they can loop.
    const QFileInfoList entries
        = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo& entry : entries) {
        if (isHidden(entry)) {
            continue;
        }
        if (entry.isDir()) {
            if (!entry.isSymLink()) {
                collectFolder(entry.absoluteFilePath(), files, errors);
            }
        } else if (!isDeniedByName(entry.fileName())) {
            files << entry.absoluteFilePath();
        }
    }
}

} // namespace

QStringList expandSources(const QStringList& paths, QStringList& errors)
{
    QStringList files;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            errors << QStringLiteral("%1 does not exist").arg(QDir::toNativeSeparators(path));
        } else if (info.isDir()) {
            collectFolder(QDir::cleanPath(info.absoluteFilePath()), files, errors);
        } else {
            files << QDir::cleanPath(info.absoluteFilePath());
        }
    }
    // Sorted by path, each file once, so the same arguments always load in the same order.
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

} // namespace flowlens
