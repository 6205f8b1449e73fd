#pragma once

#include <QDialog>
#include <array>
#include <optional>
#include <utility>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;

namespace flowlens {

// Asks which two topology snapshots to compare: two folders of describe-* JSON (or the topology
// the window shows as "before"), each with an optional time range for its records, and whether the
// current filter narrows them too.
class StageCompareDialog : public QDialog {
    Q_OBJECT
public:
    struct Side {
        QString folder; // empty: the topology shown in the window
        std::optional<std::pair<std::int64_t, std::int64_t>> timeRange; // [from, to) epoch seconds
    };

    // `loaded`: the window shows a topology; `data`: the time span of the records, for the editors.
    StageCompareDialog(
        bool loaded, std::optional<std::pair<std::int64_t, std::int64_t>> data, QWidget* parent = nullptr);

    Side side(int index) const;
    bool applyFilter() const;

    // The editors, for tests.
    QLineEdit* folderEdit(int index) const { return m_folders[static_cast<std::size_t>(index)]; }
    QCheckBox* useLoaded() const { return m_useLoaded; }
    QCheckBox* limitTime(int index) const { return m_limit[static_cast<std::size_t>(index)]; }
    QDateTimeEdit* fromEdit(int index) const { return m_from[static_cast<std::size_t>(index)]; }
    QDateTimeEdit* toEdit(int index) const { return m_to[static_cast<std::size_t>(index)]; }
    QString problem() const; // why OK is refused; empty when the choice is complete

    void accept() override;

private:
    std::array<QLineEdit*, 2> m_folders {};
    std::array<QCheckBox*, 2> m_limit {};
    std::array<QDateTimeEdit*, 2> m_from {};
    std::array<QDateTimeEdit*, 2> m_to {};
    QCheckBox* m_useLoaded = nullptr;
    QCheckBox* m_filter = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace flowlens
