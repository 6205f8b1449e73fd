#include "prefixlistreader.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace flowlens {

namespace {

PrefixList& listFor(Topology& t, const QString& id)
{
    for (PrefixList& list : t.prefixLists) {
        if (list.id == id) {
            return list;
        }
    }
    t.prefixLists.push_back(PrefixList { id, {}, {}, false });
    return t.prefixLists.back();
}

void addCidr(PrefixList& list, const Cidr& cidr)
{
    for (const Cidr& c : list.cidrs) {
        if (c.network == cidr.network && c.prefixLength == cidr.prefixLength) {
            return;
        }
    }
    list.cidrs.push_back(cidr);
}

} // namespace

void PrefixListReader::readLists(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = QStringLiteral("PrefixLists[%1]").arg(i);
        const QJsonObject o = r.object(items.at(i), path);
        const QString id = r.string(o, path, QLatin1String("PrefixListId"), true);
        if (id.isEmpty()) {
            continue;
        }
        PrefixList& list = listFor(t, id);
        const QString name = r.string(o, path, QLatin1String("PrefixListName"));
        if (list.name.isEmpty()) {
            list.name = name;
        }
        const QJsonValue cidrs = o.value(QLatin1String("Cidrs"));
        if (cidrs.isUndefined()) {
            continue; // describe-managed-prefix-lists: the entries come from another call
        }
        if (!cidrs.isArray()) {
            r.error(path + QStringLiteral(".Cidrs"), QStringLiteral("expected an array"));
            continue;
        }
        const QJsonArray array = cidrs.toArray();
        for (qsizetype c = 0; c < array.size(); ++c) {
            const auto parsed = Cidr::parse(array.at(c).toString().toStdString());
            if (!parsed) {
                r.error(path + QStringLiteral(".Cidrs[%1]").arg(c), QStringLiteral("expected a CIDR block"));
                continue;
            }
            addCidr(list, *parsed);
        }
        list.entriesKnown = true;
    }
}

void PrefixListReader::readEntries(const QJsonObject& root, const QString& file, AwsJsonReader& r, Topology& t)
{
    QString id = root.value(QLatin1String("PrefixListId")).toString();
    if (id.isEmpty()) {
        static const QRegularExpression pattern(QStringLiteral("pl-[0-9a-fA-F]+"));
        id = pattern.match(QFileInfo(file).fileName()).captured(0);
    }
    if (id.isEmpty()) {
        r.warning(QStringLiteral("Entries"),
            QStringLiteral("skipped: get-managed-prefix-list-entries output names no list; put the id in the file "
                           "name (pl-0123abcd.json) or a \"PrefixListId\" key"));
        return;
    }
    const QJsonValue entries = root.value(QLatin1String("Entries"));
    if (!entries.isArray()) {
        r.error(QStringLiteral("Entries"), QStringLiteral("expected an array"));
        return;
    }
    PrefixList& list = listFor(t, id);
    const QJsonArray array = entries.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("Entries[%1]").arg(i);
        if (const auto cidr = r.cidr(r.object(array.at(i), path), path, QLatin1String("Cidr"))) {
            addCidr(list, *cidr);
        }
    }
    list.entriesKnown = true;
}

} // namespace flowlens
