#pragma once

#include <QDialog>

class QTextBrowser;

namespace flowlens {

// Help ▸ Usage: the README's Usage section, compiled into the program (resources/resources.qrc), so
// it reads the same from a build tree and from the installed .deb.
class UsageDialog : public QDialog {
    Q_OBJECT
public:
    explicit UsageDialog(QWidget* parent = nullptr);

    QTextBrowser* browser() const { return m_browser; }
    // The "## Usage" section of a Markdown text, heading included, up to the next "## " heading
    // outside a code block; empty when there is none.
    static QString usageSection(const QString& markdown);
    // The bundled README's Usage section, or a note saying it is missing from this build.
    static QString bundledUsage();

private:
    QTextBrowser* m_browser;
};

} // namespace flowlens
