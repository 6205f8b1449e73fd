#include "timerangebox.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>

namespace flowlens {

namespace {
constexpr int kCustom = -1;
} // namespace

TimeRangeBox::TimeRangeBox(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_start(new QDateTimeEdit(this))
    , m_end(new QDateTimeEdit(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_start, 1);
    layout->addWidget(new QLabel(QStringLiteral("–"), this));
    layout->addWidget(m_end, 1);
    const std::pair<QString, int> presets[] = { { tr("Last 15 minutes"), 15 }, { tr("Last hour"), 60 },
        { tr("Last 3 hours"), 180 }, { tr("Last 12 hours"), 720 }, { tr("Last 24 hours"), 1440 },
        { tr("Last 7 days"), 7 * 1440 }, { tr("Custom (UTC)"), kCustom } };
    for (const auto& [text, minutes] : presets) {
        m_preset->addItem(text, minutes);
    }
    m_preset->setCurrentIndex(1);
    for (QDateTimeEdit* edit : { m_start, m_end }) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_start->setDateTime(now.addSecs(-3600));
    m_end->setDateTime(now);
    auto update = [this] {
        const bool custom = m_preset->currentData().toInt() == kCustom;
        m_start->setEnabled(custom);
        m_end->setEnabled(custom);
    };
    connect(m_preset, &QComboBox::currentIndexChanged, this, update);
    update();
}

std::pair<std::int64_t, std::int64_t> TimeRangeBox::range(std::int64_t nowMs) const
{
    const int minutes = m_preset->currentData().toInt();
    if (minutes == kCustom) {
        return { m_start->dateTime().toMSecsSinceEpoch(), m_end->dateTime().toMSecsSinceEpoch() };
    }
    return { nowMs - std::int64_t { minutes } * 60000, nowMs };
}

void TimeRangeBox::setPreset(int minutes)
{
    const int index = m_preset->findData(minutes);
    if (index >= 0) {
        m_preset->setCurrentIndex(index);
    }
}

void TimeRangeBox::setCustomRange(std::int64_t startMs, std::int64_t endMs)
{
    m_preset->setCurrentIndex(m_preset->findData(kCustom));
    m_start->setDateTime(QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC));
    m_end->setDateTime(QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC));
}

bool TimeRangeBox::isValid() const
{
    return m_preset->currentData().toInt() != kCustom || m_start->dateTime() < m_end->dateTime();
}

} // namespace flowlens
