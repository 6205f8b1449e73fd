#include "sourcespane.h"

#include "store/flowstore.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowlens {

SourcesPane::SourcesPane(QWidget* parent)
    : QWidget(parent)
    , m_sources(new QTreeWidget(this))
    , m_errors(new QListWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* add = new QPushButton(tr("Add files…"), this);
    add->setToolTip(tr("Add more flow-log files or folders to this investigation"));
    layout->addWidget(add);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter, 1);
    m_sources->setHeaderLabels({ tr("Source"), tr("Records"), tr("Errors"), tr("Format") });
    m_sources->setRootIsDecorated(false);
    m_sources->header()->setStretchLastSection(true);
    m_sources->setToolTip(tr("Select a source to list its malformed lines"));
    splitter->addWidget(m_sources);
    m_errors->setToolTip(tr("Malformed lines of the selected source: file:line and why"));
    m_errors->setWordWrap(true);
    splitter->addWidget(m_errors);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    connect(add, &QPushButton::clicked, this, &SourcesPane::addSourcesRequested);
    connect(m_sources, &QTreeWidget::currentItemChanged, this, &SourcesPane::showErrors);
}

void SourcesPane::setStore(std::shared_ptr<const FlowStore> store)
{
    m_store = std::move(store);
    refresh();
}

void SourcesPane::refresh()
{
    const int current = m_sources->indexOfTopLevelItem(m_sources->currentItem());
    m_sources->clear();
    if (!m_store) {
        return;
    }
    const QLocale locale;
    const std::vector<SourceInfo> sources = m_store->sources();
    for (const SourceInfo& s : sources) {
        auto* item = new QTreeWidgetItem(m_sources);
        item->setText(0, QFileInfo(s.path).fileName());
        item->setText(1, locale.toString(qulonglong(s.records)));
        item->setText(2, locale.toString(qulonglong(s.errors)));
        item->setText(3, s.format.isEmpty() ? s.container : s.container + QStringLiteral(": ") + s.format);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        QString tip = QDir::toNativeSeparators(s.path);
        if (!s.error.isEmpty()) {
            tip += QStringLiteral("\n") + s.error;
            item->setForeground(2, QColor(0xd1, 0x34, 0x38));
        }
        if (s.errors > 0) {
            item->setForeground(2, QColor(0xd1, 0x34, 0x38));
        }
        for (int c = 0; c < 4; ++c) {
            item->setToolTip(c, tip);
        }
    }
    for (int c = 0; c < 3; ++c) {
        m_sources->resizeColumnToContents(c);
    }
    if (current >= 0 && current < m_sources->topLevelItemCount()) {
        m_sources->setCurrentItem(m_sources->topLevelItem(current));
    } else if (m_sources->topLevelItemCount() == 1) {
        m_sources->setCurrentItem(m_sources->topLevelItem(0));
    }
}

void SourcesPane::showErrors()
{
    m_errors->clear();
    const int index = m_sources->indexOfTopLevelItem(m_sources->currentItem());
    if (!m_store || index < 0) {
        return;
    }
    const SourceInfo info = m_store->source(SourceId(static_cast<std::uint32_t>(index)));
    if (!info.error.isEmpty()) {
        auto* item = new QListWidgetItem(info.error, m_errors);
        item->setForeground(QColor(0xd1, 0x34, 0x38));
    }
    const QString name = QFileInfo(info.path).fileName();
    for (const LineError& e : m_store->errorSamples()) {
        if (e.source.value == static_cast<std::uint32_t>(index)) {
            m_errors->addItem(QStringLiteral("%1:%2  %3").arg(name).arg(e.line).arg(QString::fromStdString(e.reason)));
        }
    }
    if (m_errors->count() == 0) {
        m_errors->addItem(info.errors == 0 ? tr("No malformed lines in %1").arg(name)
                                           : tr("%1 malformed lines; no samples kept").arg(info.errors));
    } else if (info.errors > static_cast<std::uint64_t>(m_errors->count())) {
        m_errors->addItem(tr("… %1 malformed lines in all (the first ones are listed)").arg(info.errors));
    }
}

} // namespace flowlens
