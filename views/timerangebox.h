#pragma once

#include <QWidget>
#include <cstdint>
#include <utility>

class QComboBox;
class QDateTimeEdit;

namespace flowlens {

// A time range for CloudWatch: presets ("Last hour", …) counted back from now, or Custom with a
// start and an end in UTC.
class TimeRangeBox : public QWidget {
    Q_OBJECT
public:
    explicit TimeRangeBox(QWidget* parent = nullptr);

    // [start, end] in epoch ms; presets end at nowMs.
    std::pair<std::int64_t, std::int64_t> range(std::int64_t nowMs) const;
    void setPreset(int minutes); // one of the presets' lengths
    void setCustomRange(std::int64_t startMs, std::int64_t endMs);
    bool isValid() const; // a custom range ends after it starts

    QComboBox* presetBox() const { return m_preset; }

private:
    QComboBox* m_preset;
    QDateTimeEdit* m_start;
    QDateTimeEdit* m_end;
};

} // namespace flowlens
