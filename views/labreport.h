#pragma once

#include <QDateTime>
#include <QImage>
#include <QString>
#include <QStringList>
#include <vector>

namespace flowlens {

// A picture the learner produced during a step (a chart, a topology, a before/after comparison).
struct LabReportImage {
    QImage image;
    QString caption;
};

struct LabReportStep {
    QString title;
    QString text; // plain text; blank lines separate paragraphs
    bool done = false;
    QStringList queries; // the filter or query expressions used, shown in a fixed-pitch font
    std::vector<LabReportImage> images;
};

// What a walkthrough ends with: the steps, whether each was done, the queries used and the images
// kept along the way.
struct LabReport {
    QString title; // "Two VPCs and a peering connection"
    QString lab; // "peering-lab"
    QDateTime finished;
    std::vector<LabReportStep> steps;
};

// Writes the report as a paginated A4 PDF: a cover page (title, lab, time, every step with its
// state), then each step from the top of a new page (text, queries, images scaled to fit the page
// width and at most 40% of its height, captions). The file is replaced only when the whole
// report was written. Returns false with the reason in *error.
bool writeLabReport(const LabReport& report, const QString& path, QString* error = nullptr);

} // namespace flowlens
