#include "valueformatter.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>

namespace flowlens {

QString ValueFormatter::raw(const FlowStore& store, FieldId field, std::int64_t value)
{
    return QString::fromStdString(store.text(field, value));
}

QString ValueFormatter::protocolName(std::int64_t protocol)
{
    static constexpr std::pair<std::int64_t, const char*> kNames[]
        = { { 1, "ICMP" }, { 2, "IGMP" }, { 4, "IPv4" }, { 6, "TCP" }, { 17, "UDP" }, { 41, "IPv6" }, { 47, "GRE" },
              { 50, "ESP" }, { 51, "AH" }, { 58, "ICMPv6" }, { 132, "SCTP" } };
    for (const auto& [number, name] : kNames) {
        if (number == protocol) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

QString ValueFormatter::time(std::int64_t epochSeconds, bool local)
{
    const QDateTime t
        = local ? QDateTime::fromSecsSinceEpoch(epochSeconds) : QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ValueFormatter::bytes(std::uint64_t bytes)
{
    return QLocale::c().formattedDataSize(static_cast<qint64>(bytes), 1);
}

QString ValueFormatter::tcpFlags(std::int64_t flags)
{
    static constexpr std::pair<int, const char*> kNames[]
        = { { 1, "FIN" }, { 2, "SYN" }, { 4, "RST" }, { 8, "PSH" }, { 16, "ACK" }, { 32, "URG" } };
    QStringList names;
    for (const auto& [bit, name] : kNames) {
        if ((flags & bit) != 0) {
            names.append(QString::fromLatin1(name));
        }
    }
    return names.isEmpty() ? QString::number(flags) : names.join(QLatin1Char(','));
}

bool ValueFormatter::isTimeField(FieldId field)
{
    return field == FieldId::Start || field == FieldId::End || field == FieldId::EventTimestamp;
}

QString ValueFormatter::format(const FlowStore& store, FieldId field, std::int64_t value, const DisplayOptions& options)
{
    if (value == kNull) {
        return QStringLiteral("-");
    }
    switch (field) {
    case FieldId::Start:
    case FieldId::End:
        return time(value, options.localTime);
    case FieldId::EventTimestamp:
        return time(value / 1000, options.localTime);
    case FieldId::Protocol:
        if (options.protocolNames) {
            const QString name = protocolName(value);
            return name.isEmpty() ? QString::number(value) : name;
        }
        return QString::number(value);
    case FieldId::Bytes:
        return options.byteUnits && value >= 0 ? bytes(static_cast<std::uint64_t>(value)) : QString::number(value);
    case FieldId::TcpFlags:
        return options.protocolNames ? tcpFlags(value) : QString::number(value);
    default:
        return raw(store, field, value);
    }
}

} // namespace flowlens
