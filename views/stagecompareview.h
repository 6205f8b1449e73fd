#pragma once

#include "investigation/latestjob.h"
#include "topology/stagecomparison.h"

#include <QImage>
#include <QWidget>
#include <array>
#include <optional>

class QBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;

namespace flowlens {

class TopologyView;

// "Compare before/after": two stages side by side, each its topology with the traffic of its
// records on it, a title and a short summary (records ACCEPT/REJECT, the routes only one stage
// has, the flows only one stage saw). The topologies show at once; the traffic and the
// differences are computed off the GUI thread and shown when ready (comparisonReady()).
class StageCompareView : public QWidget {
    Q_OBJECT
public:
    explicit StageCompareView(QWidget* parent = nullptr);

    // A newer call drops the computation of an older one. Stages without a topology show empty.
    void setStages(StageSnapshot before, StageSnapshot after);
    const StageSnapshot& stage(int index) const { return m_stages[static_cast<std::size_t>(index)]; }
    bool isComputing() const { return m_job.isRunning(); }
    // Null until the comparison of the current stages is ready.
    const StageComparison* comparison() const { return m_comparison ? &*m_comparison : nullptr; }

    TopologyView* topologyView(int index) const { return m_views[static_cast<std::size_t>(index)]; }
    QString titleText(int index) const;
    QString summaryText(int index) const;

    // The comparison as one picture for a report (what the widget shows, laid out for paper).
    QImage toImage(int width = 1800) const;
    // Side by side, or one above the other when that shows the topologies larger (wide ones).
    Qt::Orientation orientation() const;
    static QImage renderImage(
        const StageSnapshot& before, const StageSnapshot& after, const StageComparison& comparison, int width = 1800);

Q_SIGNALS:
    void comparisonReady();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showComparison(StageComparison comparison);
    void chooseOrientation();
    void saveImage();

    std::array<StageSnapshot, 2> m_stages;
    std::array<QLabel*, 2> m_titles {};
    std::array<TopologyView*, 2> m_views {};
    std::array<QLabel*, 2> m_summaries {};
    std::array<QBoxLayout*, 2> m_bodies {}; // view and summary: one above the other, or side by side
    static constexpr qreal kSummaryWidth = 380; // the summary beside a stacked view
    QSplitter* m_splitter;
    QLabel* m_status;
    QPushButton* m_save;
    std::optional<StageComparison> m_comparison;
    LatestJob m_job;
};

} // namespace flowlens
