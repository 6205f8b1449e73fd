#pragma once

// Paths and file reading shared by the ingest tests.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <string_view>

namespace flowlens::testing {

inline QString ingestDataDir()
{
    return QStringLiteral(FLOWLENS_TEST_DATA "/ingest/");
}

inline QString conformanceFilesDir()
{
    return QStringLiteral(FLOWLENS_CONFORMANCE_DIR "/flowlogs/files/");
}

// A fixture's bytes, read with plain QFile (independent of the code under test).
inline QByteArray readWholeFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open test file %s", qPrintable(path));
    }
    return file.readAll();
}

inline std::string_view view(const QByteArray& bytes)
{
    return { bytes.constData(), static_cast<std::size_t>(bytes.size()) };
}

} // namespace flowlens::testing
