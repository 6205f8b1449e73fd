#include "usagedialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace flowlens {

namespace {
const QString kReadme = QStringLiteral(":/flowlens/README.md");
}

QString UsageDialog::usageSection(const QString& markdown)
{
    QStringList section;
    bool inside = false;
    bool fenced = false;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("```"))) {
            fenced = !fenced;
        }
        if (!fenced && line.startsWith(QLatin1String("## "))) {
            if (inside) {
                break;
            }
            inside = line.trimmed() == QLatin1String("## Usage");
        }
        if (inside) {
            section.append(line);
        }
    }
    return section.join(QLatin1Char('\n')).trimmed();
}

QString UsageDialog::bundledUsage()
{
    QFile file(kReadme);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("The README is not part of this build. See `flowlens --help` and `flowlens-cli --help`.");
    }
    const QString section = usageSection(QString::fromUtf8(file.readAll()));
    return section.isEmpty() ? tr("The README of this build has no Usage section.") : section;
}

UsageDialog::UsageDialog(QWidget* parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("FlowLens usage"));
    auto* layout = new QVBoxLayout(this);
    m_browser->setOpenExternalLinks(true);
    m_browser->setMarkdown(bundledUsage());
    m_browser->setToolTip(tr("The Usage section of FlowLens's README"));
    layout->addWidget(m_browser);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(860, 640);
}

} // namespace flowlens
