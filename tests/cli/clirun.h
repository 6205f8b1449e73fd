#pragma once

// Running flowlens-cli from end-to-end tests.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace flowlens::testing {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(FLOWLENS_CLI), args);
    p.waitForFinished(60000);
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

// Writes `text` to a file in `dir` and returns its path.
inline QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return f.fileName();
}

} // namespace flowlens::testing
