#include "topologypane.h"

#include "investigation/investigation.h"
#include "topology/awsjsonloader.h"
#include "topology/topologydiff.h"
#include "topology/topologyinference.h"
#include "topology/trafficoverlay.h"
#include "topologyitems.h"
#include "topologyview.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

namespace {

// Topology work gets its own thread, not the global pool: on Qt 6.4 the raster paint engine waits
// for a global-pool thread while drawing, so long jobs there stall painting.
QThreadPool* topologyPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool(qApp);
        p->setMaxThreadCount(1);
        return p;
    }();
    return pool;
}

} // namespace

TopologyPane::TopologyPane(QMainWindow* window, Investigation* investigation)
    : QObject(window)
    , m_window(window)
    , m_investigation(investigation)
    , m_view(new TopologyView(window))
    , m_dock(new QDockWidget(tr("Topology"), window))
{
    m_overlayJob.setPool(topologyPool());
    m_dock->setObjectName(QStringLiteral("topologyDock")); // saveState() needs it
    m_dock->setWidget(m_view);
    m_dock->toggleViewAction()->setStatusTip(tr("Show or hide the %1 pane").arg(m_dock->windowTitle()));
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // isVisible() stays true for a dock tabbed behind another: what is on screen is what this says.
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_onScreen = visible;
        if (visible) {
            updateOverlay();
        }
    });
    connect(m_view, &TopologyView::filterRequested, this, &TopologyPane::filterRequested);
    m_reinference.setSingleShot(true);
    m_reinference.setInterval(std::chrono::seconds(2));
    connect(&m_reinference, &QTimer::timeout, this, [this] {
        if (!m_loaded) {
            infer();
        }
    });
}

void TopologyPane::addOpenAction(QMenu* file)
{
    QAction* open = file->addAction(tr("Open &Topology…"), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(m_window, tr("Open a folder of describe-* JSON"));
        if (!path.isEmpty()) {
            this->open(path);
        }
    });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    const QString tip = tr("Read the JSON of `aws ec2 describe-*` (a folder of files) and draw it with the traffic");
    open->setToolTip(tip);
    open->setStatusTip(tip);
}

bool TopologyPane::open(const QString& path)
{
    TopologyLoadResult loaded = AwsJsonLoader::load(path);
    if (!loaded.ok()) {
        QStringList lines;
        for (const TopologyProblem& p : loaded.errors) {
            lines.append(p.toString());
        }
        // In the status bar, not a dialog: the topology shown before stays and nothing blocks.
        Q_EMIT statusMessage(tr("Topology not loaded: %1").arg(lines.join(QStringLiteral("; "))), 30000);
        return false;
    }
    show(std::make_shared<const Topology>(std::move(loaded.topology)),
        tr("Topology read from %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

void TopologyPane::show(std::shared_ptr<const Topology> topology, const QString& message)
{
    m_topology = std::move(topology);
    m_loaded = true;
    m_view->setTopology(m_topology);
    updateOverlay();
    m_dock->raise();
    Q_EMIT statusMessage(message, 0);
}

void TopologyPane::setResult(std::shared_ptr<const InvestigationResult> result)
{
    m_result = std::move(result);
    updateOverlay();
}

void TopologyPane::updateOverlay()
{
    // Drawn only while the pane is on screen: the overlay reads every selected record, off the GUI
    // thread. A newer request (or topology) drops the result of an older one; the one drawn already
    // is not computed again.
    if (!m_topology || !m_result || m_result->loading || !m_onScreen || !m_dock->isVisible()) {
        return;
    }
    if (m_overlaidTopology.lock() == m_topology && m_overlaidResult.lock() == m_result) {
        return;
    }
    m_overlaidTopology = m_topology;
    m_overlaidResult = m_result;
    m_overlayJob.run(
        this,
        [topology = m_topology, shown = m_result] {
            return TrafficOverlay::compute(*topology, *shown->store, shown->selection);
        },
        [this, topology = m_topology](const TrafficOverlay& overlay) {
            if (topology == m_topology) {
                m_view->setOverlay(overlay);
            }
        });
}

void TopologyPane::loadFinished()
{
    if (!m_loaded) {
        infer();
    }
}

void TopologyPane::rowsAppendedAfterLoad()
{
    if (!m_loaded && !m_reinference.isActive()) {
        m_reinference.start();
    }
}

void TopologyPane::infer()
{
    // Without describe-* JSON, the topology is what the flow logs show (marked inferred in the view).
    // Inference reads every record: on a worker, so the end of a big load does not freeze the window.
    const std::uint64_t generation = ++m_inferenceGeneration;
    QPointer<TopologyPane> self(this);
    (void)QtConcurrent::run(topologyPool(), [self, generation, store = m_investigation->storePointer()] {
        auto topology = std::make_shared<const Topology>(TopologyInference::fromStore(*store));
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, store, topology] {
                if (!self || generation != self->m_inferenceGeneration || self->m_loaded
                    || store != self->m_investigation->storePointer()) {
                    return;
                }
                if (self->m_topology && TopologyDiff::compare(*self->m_topology, *topology).empty()) {
                    return; // the same network: the view keeps its layout, zoom and selection
                }
                self->m_topology = topology;
                self->m_view->setTopology(topology);
                self->updateOverlay();
            },
            Qt::QueuedConnection);
    });
}

bool TopologyPane::highlightElement(const QString& id)
{
    TopologyScene* scene = m_view->topologyScene();
    if (!m_topology) {
        return false;
    }
    // Route tables and network ACLs are not drawn: mark the subnets they apply to (a main route
    // table without explicit associations: its VPC).
    QStringList boxes { id };
    if (const RouteTable* table = m_topology->routeTable(id)) {
        boxes = QStringList(table->subnetIds.begin(), table->subnetIds.end());
        if (boxes.isEmpty()) {
            boxes.append(table->vpcId);
        }
    }
    for (const NetworkAcl& acl : m_topology->networkAcls) {
        if (acl.id == id) {
            boxes = QStringList(acl.subnetIds.begin(), acl.subnetIds.end());
        }
    }
    for (const Instance& instance : m_topology->instances) {
        if (instance.id == id) {
            boxes = QStringList(instance.interfaceIds.begin(), instance.interfaceIds.end());
        }
    }
    for (TopologyBoxItem* item : scene->boxItems()) {
        item->setHighlighted(false);
    }
    for (TopologyLinkItem* link : scene->peeringItems()) {
        link->setHighlighted(false);
    }
    bool found = false;
    for (const QString& box : boxes) {
        if (TopologyBoxItem* item = scene->boxItem(box)) {
            item->setHighlighted(true);
            m_view->ensureVisible(item);
            found = true;
        }
    }
    for (TopologyLinkItem* link : scene->peeringItems()) {
        if (link->label().contains(id)) {
            link->setHighlighted(true);
            m_view->ensureVisible(link);
            found = true;
        }
    }
    if (found) {
        m_dock->show();
        m_dock->raise();
    }
    return found;
}

} // namespace flowlens
