#include "reachabilitydialog.h"

#include "selectablelabel.h"
#include "topology/networkaclevaluator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowlens {

namespace {

// The protocol box's text, read back by parseProtocol: the name for the common ones, else the number.
QString protocolText(int protocol)
{
    const bool named = protocol == 1 || protocol == 6 || protocol == 17 || protocol == 58;
    return named ? NetworkAclEvaluator::protocolName(protocol) : QString::number(protocol);
}

bool hasPorts(int protocol)
{
    return protocol == 6 || protocol == 17;
}

} // namespace

ReachabilityDialog::ReachabilityDialog(QWidget* parent)
    : QDialog(parent)
    , m_source(new QLineEdit(this))
    , m_destination(new QLineEdit(this))
    , m_protocol(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_sourcePort(new QLineEdit(this))
    , m_verdict(new QLabel(this))
    , m_explanation(selectableLabel(this))
    , m_evidence(selectableLabel(this))
    , m_steps(new QTreeWidget(this))
    , m_notes(selectableLabel(this))
{
    setWindowTitle(tr("Explain Reachability"));
    m_source->setPlaceholderText(tr("10.1.1.10"));
    m_destination->setPlaceholderText(tr("10.2.1.20"));
    m_protocol->setEditable(true);
    m_protocol->addItems(
        { QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("icmp"), QStringLiteral("icmpv6") });
    m_protocol->setToolTip(tr("tcp, udp, icmp, icmpv6 or a protocol number"));
    m_port->setRange(0, 65535);
    m_port->setToolTip(tr("The destination port (TCP and UDP)"));
    m_sourcePort->setPlaceholderText(tr("any ephemeral"));
    m_sourcePort->setToolTip(tr("The client's port; empty: replies are checked for every ephemeral port"));
    connect(m_protocol, &QComboBox::currentTextChanged, this, [this](const QString& text) {
        const auto protocol = parseProtocol(text);
        const bool ports = protocol && hasPorts(*protocol);
        m_port->setEnabled(ports);
        m_sourcePort->setEnabled(ports);
    });
    auto* explainButton = new QPushButton(tr("Explain"), this);
    explainButton->setDefault(true);
    connect(explainButton, &QPushButton::clicked, this, &ReachabilityDialog::explainTyped);

    auto* form = new QFormLayout;
    auto* addresses = new QHBoxLayout;
    addresses->addWidget(m_source, 1);
    addresses->addWidget(new QLabel(QStringLiteral("→"), this));
    addresses->addWidget(m_destination, 1);
    form->addRow(tr("Flow:"), addresses);
    auto* ports = new QHBoxLayout;
    ports->addWidget(m_protocol);
    ports->addWidget(new QLabel(tr("port"), this));
    ports->addWidget(m_port);
    ports->addWidget(new QLabel(tr("from port"), this));
    ports->addWidget(m_sourcePort);
    ports->addWidget(explainButton);
    form->addRow(tr("Protocol:"), ports);

    QFont big = m_verdict->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_verdict->setFont(big);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setColumnCount(3);
    m_steps->setHeaderLabels({ tr("Result"), tr("Element"), tr("What was checked") });
    m_steps->setRootIsDecorated(false);
    m_steps->setWordWrap(true);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_verdict);
    layout->addWidget(m_explanation);
    layout->addWidget(m_evidence);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_notes);
    layout->addWidget(buttons);
    resize(820, 560);
}

void ReachabilityDialog::setTopology(std::shared_ptr<const Topology> topology)
{
    m_topology = std::move(topology);
}

void ReachabilityDialog::setStore(std::shared_ptr<const FlowStore> store)
{
    m_store = std::move(store);
}

std::optional<int> ReachabilityDialog::parseProtocol(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (int p : { 1, 6, 17, 58 }) {
        if (t == protocolText(p)) {
            return p;
        }
    }
    bool ok = false;
    const int n = t.toInt(&ok);
    return ok && n >= 0 && n <= 255 ? std::optional<int>(n) : std::nullopt;
}

void ReachabilityDialog::explain(const FlowQuery& query)
{
    m_source->setText(QString::fromStdString(query.source.toString()));
    m_destination->setText(QString::fromStdString(query.destination.toString()));
    m_protocol->setCurrentText(protocolText(query.protocol));
    m_port->setValue(query.port);
    m_sourcePort->setText(query.sourcePort ? QString::number(*query.sourcePort) : QString());
    evaluate(query);
}

bool ReachabilityDialog::explainTyped()
{
    FlowQuery query;
    const auto source = Address::parse(m_source->text().trimmed().toStdString());
    const auto destination = Address::parse(m_destination->text().trimmed().toStdString());
    const auto protocol = parseProtocol(m_protocol->currentText());
    if (!source || !destination) {
        showError(tr("'%1' is not an IP address").arg(source ? m_destination->text() : m_source->text()));
        return false;
    }
    if (!protocol) {
        showError(
            tr("'%1' is not a protocol: use tcp, udp, icmp, icmpv6 or a number 0-255").arg(m_protocol->currentText()));
        return false;
    }
    query.source = *source;
    query.destination = *destination;
    query.protocol = *protocol;
    query.port = hasPorts(*protocol) ? m_port->value() : 0;
    if (const QString sp = m_sourcePort->text().trimmed(); !sp.isEmpty() && hasPorts(*protocol)) {
        bool ok = false;
        const int port = sp.toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            showError(tr("'%1' is not a port (0-65535)").arg(sp));
            return false;
        }
        query.sourcePort = port;
    }
    evaluate(query);
    return true;
}

void ReachabilityDialog::showError(const QString& message)
{
    m_result.reset();
    m_evidenceJob.cancel();
    m_verdict->setText(message);
    m_verdict->setStyleSheet(QStringLiteral("color: #a03020"));
    m_explanation->clear();
    m_evidence->clear();
    m_steps->clear();
    m_notes->clear();
}

void ReachabilityDialog::evaluate(const FlowQuery& query)
{
    if (!m_topology) {
        showError(tr("No topology is loaded: open describe-* JSON with File ▸ Open Topology"));
        return;
    }
    m_result = ReachabilityAnalyzer(*m_topology).evaluate(query);
    const ReachResult& r = *m_result;
    QString verdict = r.reachable() ? tr("Reachable")
        : r.verdict == ReachVerdict::Unknown
        ? tr("Cannot tell from this topology")
        : tr("Not reachable: %1").arg(verdictName(r.verdict).replace(QLatin1Char('-'), QLatin1Char(' ')));
    if (!r.blockingId.isEmpty()) {
        verdict += tr(" at %1").arg(r.blockingId);
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(r.reachable()       ? QStringLiteral("color: #1b7a2e")
            : r.verdict == ReachVerdict::Unknown ? QStringLiteral("color: #806000")
                                                 : QStringLiteral("color: #b02020"));
    QString explanation = r.explanation;
    if (!r.fix.isEmpty()) {
        explanation += QStringLiteral("\n") + tr("Fix: ") + r.fix;
    }
    if (m_topology->inferred) {
        explanation += QStringLiteral("\n")
            + tr("The topology is inferred from the flow logs (no route tables or rules): open describe-* JSON with "
                 "File ▸ Open Topology for a real verdict.");
    }
    m_explanation->setText(explanation);
    m_steps->clear();
    for (const ReachStep& step : r.steps) {
        auto* item = new QTreeWidgetItem(
            m_steps, { step.passed ? QStringLiteral("✓ ok") : QStringLiteral("✗ blocks"), step.elementId, step.text });
        item->setToolTip(2, step.text);
        if (!step.passed) {
            for (int c = 0; c < 3; ++c) {
                item->setForeground(c, QColor(0xb0, 0x20, 0x20));
                item->setBackground(c, QColor(0xfd, 0xec, 0xea));
            }
        }
    }
    QStringList notes;
    for (const QString& n : r.notes) {
        notes.append(tr("Note: ") + n);
    }
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
    Q_EMIT explained();

    if (!m_store) {
        m_evidenceJob.cancel();
        m_evidence->setText(tr("Flow logs: none loaded"));
        return;
    }
    m_evidence->setText(tr("Flow logs: searching the loaded records…"));
    m_evidenceJob.run(
        this, [store = m_store, query] { return FlowEvidence::find(*store, query); },
        [this](const FlowEvidence& evidence) {
            m_evidence->setText(tr("Flow logs: ") + evidence.summary());
            Q_EMIT evidenceReady();
        });
}

QString ReachabilityDialog::verdictText() const
{
    return m_verdict->text();
}

QString ReachabilityDialog::explanationText() const
{
    return m_explanation->text();
}

QString ReachabilityDialog::evidenceText() const
{
    return m_evidence->text();
}

} // namespace flowlens
