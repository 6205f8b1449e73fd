#include "cloudwatchpulldialog.h"

#include "aws/awsworker.h"
#include "aws/cloudwatchlogsclient.h"
#include "timerangebox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <tuple>

namespace flowlens {

namespace {

struct Listing {
    std::vector<LogGroupInfo> groups;
    AwsError error;
};

struct StreamListing {
    std::vector<LogStreamInfo> streams;
    AwsError error;
};

} // namespace

CloudWatchPullDialog::CloudWatchPullDialog(AwsEnvironment environment, QWidget* parent)
    : QDialog(parent)
    , m_target(new AwsTargetBox(std::move(environment), this))
    , m_prefix(new QLineEdit(this))
    , m_list(new QPushButton(tr("&List"), this))
    , m_groups(new QListWidget(this))
    , m_streams(new QLineEdit(this))
    , m_listStreams(new QPushButton(tr("List strea&ms"), this))
    , m_streamList(new QListWidget(this))
    , m_range(new TimeRangeBox(this))
    , m_filter(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_customFormat(new QLineEdit(this))
    , m_tail(new QCheckBox(tr("Then keep &tailing: poll every"), this))
    , m_tailSeconds(new QSpinBox(this))
    , m_status(new QLabel(this))
    , m_pull(nullptr)
    , m_worker(new AwsWorker(this))
{
    setWindowTitle(tr("Pull from CloudWatch Logs"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    auto* form = new QFormLayout;
    auto* search = new QHBoxLayout;
    m_prefix->setPlaceholderText(tr("name prefix, e.g. /vpc/"));
    search->addWidget(m_prefix, 1);
    search->addWidget(m_list);
    form->addRow(tr("Log &groups:"), search);
    form->addRow(QString(), m_groups);
    m_streams->setPlaceholderText(tr("every stream (or names separated by commas)"));
    auto* streams = new QHBoxLayout;
    streams->addWidget(m_streams, 1);
    streams->addWidget(m_listStreams);
    m_listStreams->setToolTip(tr("List the chosen group's log streams, newest first, to pick from"));
    form->addRow(tr("&Streams:"), streams);
    m_streamList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_streamList->setVisible(false); // until streams are listed
    form->addRow(QString(), m_streamList);
    form->addRow(tr("&Time range:"), m_range);
    m_filter->setPlaceholderText(tr("every event (or a CloudWatch filter pattern, e.g. REJECT)"));
    form->addRow(tr("&Filter pattern:"), m_filter);
    m_format->addItem(tr("Detect from the events"), QString());
    m_format->addItem(tr("Default format (version 2, 14 fields)"), QStringLiteral("v2"));
    m_format->addItem(tr("Every field up to version 5"), QStringLiteral("v5"));
    m_format->addItem(tr("Every field up to version 8"), QStringLiteral("v8"));
    m_format->addItem(tr("Custom…"), QStringLiteral("custom"));
    m_customFormat->setPlaceholderText(tr("${version} ${account-id} … or version account-id …"));
    m_customFormat->setEnabled(false);
    form->addRow(tr("Record f&ormat:"), m_format);
    form->addRow(QString(), m_customFormat);
    auto* tail = new QHBoxLayout;
    m_tailSeconds->setRange(5, 3600);
    m_tailSeconds->setValue(30);
    m_tailSeconds->setSuffix(tr(" s"));
    tail->addWidget(m_tail);
    tail->addWidget(m_tailSeconds);
    tail->addStretch(1);
    form->addRow(tr("Live:"), tail);
    layout->addLayout(form);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_pull = buttons->addButton(tr("&Pull"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QPushButton::clicked, this, &CloudWatchPullDialog::listGroups);
    connect(m_prefix, &QLineEdit::returnPressed, this, &CloudWatchPullDialog::listGroups);
    connect(m_groups, &QListWidget::itemSelectionChanged, this, &CloudWatchPullDialog::updateButtons);
    connect(m_listStreams, &QPushButton::clicked, this, &CloudWatchPullDialog::listStreams);
    connect(m_groups, &QListWidget::currentItemChanged, this, [this] {
        ++m_streamListing; // a listing still running was of the group before
        if (m_listingStreams) {
            m_worker->cancel();
            streamListingDone(true);
        }
        m_streamList->clear();
        m_streamList->setVisible(false);
    });
    connect(m_streamList, &QListWidget::itemSelectionChanged, this, [this] {
        QStringList names;
        for (int i = 0; i < m_streamList->count(); ++i) {
            if (m_streamList->item(i)->isSelected()) {
                names << m_streamList->item(i)->text();
            }
        }
        m_streams->setText(names.join(QStringLiteral(", ")));
    });
    connect(m_format, &QComboBox::currentIndexChanged, this,
        [this] { m_customFormat->setEnabled(m_format->currentData().toString() == QLatin1String("custom")); });
    updateButtons();
}

CloudWatchPullDialog::~CloudWatchPullDialog()
{
    delete m_worker; // cancels and joins before the members its work uses go away
}

void CloudWatchPullDialog::updateButtons()
{
    m_pull->setEnabled(!m_groups->selectedItems().isEmpty());
    m_listStreams->setEnabled(m_listingStreams || m_groups->currentItem() != nullptr);
}

void CloudWatchPullDialog::setSettings(const AwsResolveOptions& aws, const QString& group)
{
    m_target->setOptions(aws);
    m_prefix->setText(group);
}

void CloudWatchPullDialog::listGroups()
{
    QString error;
    const auto config = m_target->resolve(AwsService::CloudWatchLogs, error);
    if (!config) {
        m_status->setText(error);
        return;
    }
    m_worker->cancel(); // a listing still running is replaced
    const int generation = ++m_listing;
    const QString prefix = m_prefix->text().trimmed();
    m_status->setText(tr("Listing log groups in %1…").arg(config->region));
    m_list->setEnabled(false);
    const std::atomic<bool>* cancel = m_worker->cancelFlag();
    m_worker->run<Listing>(
        [config = *config, prefix, cancel] {
            AwsJsonClient client(config, AwsService::CloudWatchLogs);
            Listing listing;
            listing.groups = CloudWatchLogsClient(client).logGroups(prefix, listing.error, cancel);
            return listing;
        },
        this,
        [this, generation](const Listing& listing) {
            if (generation != m_listing) {
                return;
            }
            m_list->setEnabled(true);
            const QString selected = m_groups->currentItem() ? m_groups->currentItem()->text() : QString();
            m_groups->clear();
            const QLocale locale;
            for (const LogGroupInfo& g : listing.groups) {
                auto* item = new QListWidgetItem(g.name, m_groups);
                item->setToolTip(
                    tr("%1 stored; retention %2")
                        .arg(locale.formattedDataSize(g.storedBytes),
                            g.retentionDays > 0 ? tr("%n day(s)", nullptr, g.retentionDays) : tr("never expires")));
                if (g.name == selected || listing.groups.size() == 1) {
                    m_groups->setCurrentItem(item);
                }
            }
            QString text = tr("%n log group(s)", nullptr, static_cast<int>(listing.groups.size()));
            if (listing.error.isError() && listing.error.kind != AwsError::Kind::Cancelled) {
                text += QStringLiteral(" — ") + listing.error.text();
            }
            m_status->setText(text);
            updateButtons();
        });
}

void CloudWatchPullDialog::listStreams()
{
    if (m_listingStreams) {
        m_worker->cancel(); // the listing answers with what it had, marked cancelled
        return;
    }
    QListWidgetItem* groupItem = m_groups->currentItem();
    if (!groupItem) {
        m_status->setText(tr("Choose a log group first"));
        return;
    }
    QString error;
    const auto config = m_target->resolve(AwsService::CloudWatchLogs, error);
    if (!config) {
        m_status->setText(error);
        return;
    }
    const QString group = groupItem->text();
    const int generation = ++m_streamListing;
    m_status->setText(tr("Listing the log streams of %1…").arg(group));
    streamListingDone(false);
    const std::atomic<bool>* cancel = m_worker->cancelFlag();
    m_worker->run<StreamListing>(
        [config = *config, group, cancel] {
            AwsJsonClient client(config, AwsService::CloudWatchLogs);
            StreamListing listing;
            listing.streams = CloudWatchLogsClient(client).logStreams(group, {}, listing.error, cancel);
            return listing;
        },
        this,
        [this, generation, group](const StreamListing& listing) {
            if (generation != m_streamListing) {
                return;
            }
            streamListingDone(true);
            const QStringList chosen = AwsTargetBox::splitNames(m_streams->text());
            const QSignalBlocker blocker(m_streamList); // keep what was typed until the user picks
            m_streamList->clear();
            const QLocale locale;
            for (const LogStreamInfo& s : listing.streams) {
                auto* item = new QListWidgetItem(s.name, m_streamList);
                item->setToolTip(
                    tr("Last event %1")
                        .arg(s.lastEventMs > 0 ? locale.toString(QDateTime::fromMSecsSinceEpoch(s.lastEventMs, Qt::UTC),
                                 QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                                               : tr("unknown")));
                item->setSelected(chosen.contains(s.name));
            }
            m_streamList->setVisible(true);
            QString text = tr("%n log stream(s) in %1", nullptr, static_cast<int>(listing.streams.size())).arg(group);
            if (listing.error.kind == AwsError::Kind::Cancelled) {
                text += tr(" — listing stopped");
            } else if (listing.error.isError()) {
                text += QStringLiteral(" — ") + listing.error.text();
            }
            m_status->setText(text);
        });
}

void CloudWatchPullDialog::streamListingDone(bool done)
{
    m_listingStreams = !done;
    m_listStreams->setText(done ? tr("List strea&ms") : tr("Stop listing"));
    updateButtons();
}

std::shared_ptr<const RecordFormat> CloudWatchPullDialog::chosenFormat(QString& error) const
{
    QString spec = m_format->currentData().toString();
    if (spec.isEmpty()) {
        return {};
    }
    if (spec == QLatin1String("custom")) {
        spec = m_customFormat->text();
    }
    std::string why;
    auto parsed = RecordFormat::parseSpec(spec.toStdString(), why);
    if (!parsed) {
        error = QString::fromStdString(why);
        return {};
    }
    return std::make_shared<const RecordFormat>(std::move(*parsed));
}

CloudWatchPullSettings CloudWatchPullDialog::settings() const
{
    CloudWatchPullSettings s;
    s.aws = m_target->options();
    if (QListWidgetItem* item = m_groups->currentItem()) {
        s.request.logGroup = item->text();
    }
    s.request.logStreams = AwsTargetBox::splitNames(m_streams->text());
    std::tie(s.request.startMs, s.request.endMs) = m_range->range(QDateTime::currentMSecsSinceEpoch());
    s.request.filterPattern = m_filter->text().trimmed();
    QString error;
    s.format = chosenFormat(error);
    s.tail = m_tail->isChecked();
    s.tailSeconds = m_tailSeconds->value();
    return s;
}

} // namespace flowlens
