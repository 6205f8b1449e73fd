#include "topologypulldialog.h"

#include "aws/awsworker.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowlens {

TopologyPullDialog::TopologyPullDialog(AwsEnvironment environment, QWidget* parent)
    : QDialog(parent)
    , m_target(new AwsTargetBox(std::move(environment), this))
    , m_folder(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_pull(nullptr)
    , m_worker(new AwsWorker(this))
{
    setWindowTitle(tr("Pull Topology from AWS"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    auto* form = new QFormLayout;
    auto* folder = new QHBoxLayout;
    m_folder->setPlaceholderText(tr("optional: a folder to save the describe-*.json in"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    folder->addWidget(m_folder, 1);
    folder->addWidget(browse);
    form->addRow(tr("&Save to:"), folder);
    layout->addLayout(form);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("Reads VPCs, subnets, route tables, peerings, security groups, network ACLs, gateways, "
                         "interfaces and instances (EC2 Describe* calls: read-only)."));
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_pull = buttons->addButton(tr("&Pull"), QDialogButtonBox::ActionRole);
    m_pull->setDefault(true);
    layout->addWidget(buttons);
    connect(m_pull, &QPushButton::clicked, this, &TopologyPullDialog::pull);
    connect(buttons, &QDialogButtonBox::rejected, this, &TopologyPullDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Save describe-*.json in"));
        if (!dir.isEmpty()) {
            m_folder->setText(dir);
        }
    });
}

TopologyPullDialog::~TopologyPullDialog()
{
    delete m_worker; // cancels and joins before the members its work uses go away
}

void TopologyPullDialog::reject()
{
    if (m_running) {
        m_worker->cancel();
        m_status->setText(tr("Cancelling…"));
        return; // closes when the pull has stopped
    }
    QDialog::reject();
}

void TopologyPullDialog::pull()
{
    QString error;
    const auto config = m_target->resolve(AwsService::Ec2, error);
    if (!config) {
        m_status->setText(error);
        return;
    }
    m_running = true;
    m_pull->setEnabled(false);
    m_region = config->region;
    m_status->setText(tr("Connecting to %1…").arg(config->endpoint.toString()));
    const std::atomic<bool>* cancel = m_worker->cancelFlag();
    AwsWorker* worker = m_worker;
    QLabel* status = m_status;
    m_worker->run<TopologyPullResult>(
        [worker, status, config = *config, cancel] {
            AwsJsonClient client(config, AwsService::Ec2);
            return Ec2TopologyPuller(client).pull(
                [worker, status](const QString& action, int done, int total) {
                    if (!action.isEmpty()) {
                        worker->deliver(status, [status, action, done, total] {
                            status->setText(tr("%1 (%2 of %3)…").arg(action).arg(done + 1).arg(total));
                        });
                    }
                    return true;
                },
                cancel);
        },
        this,
        [this](const TopologyPullResult& result) {
            m_running = false;
            m_pull->setEnabled(true);
            if (result.cancelled) {
                QDialog::reject();
                return;
            }
            if (result.error.isError()) {
                m_status->setText(result.error.text());
                return;
            }
            QStringList problems;
            for (const TopologyProblem& p : result.load.errors) {
                problems << p.toString();
            }
            QString saveError;
            const QString folder = m_folder->text().trimmed();
            if (!folder.isEmpty() && !Ec2TopologyPuller::writeDocuments(result.documents, folder, saveError)) {
                problems << saveError;
            }
            m_result = result;
            if (!problems.isEmpty()) {
                m_status->setText(problems.join(QLatin1Char('\n')));
                return;
            }
            accept();
        });
}

} // namespace flowlens
