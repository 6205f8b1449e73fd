// AWS's S3 layout for flow logs: the object name always follows
// {account}_vpcflowlogs_{region}_{flow-log-id}_{YYYYMMDDTHHmmZ}_{hash}.log[.gz|.parquet]; when the path
// has an AWSLogs/ folder, what follows it must be the default or the Hive-compatible prefix, with or
// without the hour partition, naming the same account and region.
#include "ingest/containers.h"
#include "ingest/isotime.h"

#include <QRegularExpression>
#include <algorithm>
#include <array>

namespace flowlens {

namespace {

const QRegularExpression& objectNamePattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{12})_vpcflowlogs_([a-z0-9]+(?:-[a-z0-9]+)*)_(fl-[0-9A-Za-z]+)_(\\d{8}T\\d{4}Z)_([0-9A-Za-z]+)"
        "\\.log(?:\\.gz|\\.parquet)?$"));
    return pattern;
}

bool isNumber(const QString& text, qsizetype digits, int low, int high)
{
    if (text.size() != digits) {
        return false;
    }
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= low && value <= high
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

// The folders between AWSLogs/ and the object name: {account}/vpcflowlogs/{region}/{yyyy}/{mm}/{dd}[/{HH}],
// or the same values behind Hive keys (aws-account-id=..., hour=...).
bool prefixFollowsLayout(const QStringList& folders, const S3KeyInfo& info)
{
    if (folders.size() != 6 && folders.size() != 7) {
        return false;
    }
    const bool hive = folders.at(0).startsWith(QLatin1String("aws-account-id="));
    static constexpr std::array<const char*, 7> HiveKeys
        = { "aws-account-id=", "aws-service=", "aws-region=", "year=", "month=", "day=", "hour=" };
    QStringList values;
    for (qsizetype i = 0; i < folders.size(); ++i) {
        const QLatin1String key(hive ? HiveKeys.at(static_cast<std::size_t>(i)) : "");
        if (!folders.at(i).startsWith(key)) {
            return false;
        }
        values << folders.at(i).mid(key.size());
    }
    return values.at(0) == info.accountId && values.at(1) == QLatin1String("vpcflowlogs") && values.at(2) == info.region
        && isNumber(values.at(3), 4, 1970, 9999) && isNumber(values.at(4), 2, 1, 12) && isNumber(values.at(5), 2, 1, 31)
        && (values.size() == 6 || isNumber(values.at(6), 2, 0, 23));
}

} // namespace

std::optional<S3KeyInfo> parseS3Key(const QString& path)
{
    QString normalised = path;
    normalised.replace(QLatin1Char('\\'), QLatin1Char('/'));
    const QStringList parts = normalised.split(QLatin1Char('/'));
    const QRegularExpressionMatch name = objectNamePattern().match(parts.constLast());
    if (!name.hasMatch()) {
        return std::nullopt;
    }
    S3KeyInfo info;
    info.accountId = name.captured(1);
    info.region = name.captured(2);
    info.flowLogId = name.captured(3);
    const QString time = name.captured(4); // YYYYMMDDTHHmmZ
    auto field = [&time](qsizetype from, qsizetype length) { return time.mid(from, length).toInt(); };
    info.fileTime = epochSecondsUtc(field(0, 4), field(4, 2), field(6, 2), field(9, 2), field(11, 2), 0);
    if (!info.fileTime) {
        return std::nullopt;
    }
    const qsizetype awsLogs = parts.lastIndexOf(QStringLiteral("AWSLogs"));
    if (awsLogs >= 0 && !prefixFollowsLayout(parts.mid(awsLogs + 1, parts.size() - awsLogs - 2), info)) {
        return std::nullopt;
    }
    return info;
}

} // namespace flowlens
