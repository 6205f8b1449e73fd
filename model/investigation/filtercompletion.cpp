#include "filtercompletion.h"

#include "analysis/facets.h"
#include "store/flowstore.h"

#include <QLocale>

namespace flowlens {

namespace {

// Names the language knows besides fields, offered where a name goes.
const QStringList kFunctions { QStringLiteral("isIpv4InSubnet("), QStringLiteral("isIpv6InSubnet("),
    QStringLiteral("isIpInSubnet("), QStringLiteral("ispresent("), QStringLiteral("strcontains("),
    QStringLiteral("bin(") };
const QStringList kAggregates { QStringLiteral("count(*)"), QStringLiteral("count_distinct("), QStringLiteral("sum("),
    QStringLiteral("avg("), QStringLiteral("min("), QStringLiteral("max("), QStringLiteral("pct(") };
const QStringList kCommands { QStringLiteral("filter"), QStringLiteral("stats"), QStringLiteral("sort"),
    QStringLiteral("limit"), QStringLiteral("fields"), QStringLiteral("display"), QStringLiteral("dedup") };

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u':' || c == u'@' || c == u'-';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'@' || c == u'-';
}

QString trimmedRight(const QString& s)
{
    qsizetype n = s.size();
    while (n > 0 && s[n - 1].isSpace()) {
        --n;
    }
    return s.left(n);
}

// The last word of `s` (letters, digits and the characters of names), or empty.
QString lastWord(const QString& s, qsizetype& start)
{
    start = s.size();
    while (start > 0 && isNameChar(s[start - 1])) {
        --start;
    }
    return s.mid(start);
}

bool endsWithKeyword(const QString& s, QStringView keyword)
{
    qsizetype start = 0;
    return lastWord(s, start).compare(keyword, Qt::CaseInsensitive) == 0;
}

// When `head` ends with a comparison (`srcAddr =`, `action !=`, `dstPort in [22,`, `x like`), the
// field compared; FieldId::Count otherwise.
FieldId fieldBeforeOperator(const QString& text)
{
    QString head = trimmedRight(text);
    // Inside an `in [ … ]` list: after the bracket or a comma.
    if (head.endsWith(u'[') || head.endsWith(u',')) {
        const qsizetype open = head.lastIndexOf(u'[');
        if (open < 0 || head.indexOf(u']', open) >= 0) {
            return FieldId::Count;
        }
        head = trimmedRight(head.left(open));
        if (!endsWithKeyword(head, u"in")) {
            return FieldId::Count;
        }
        head = trimmedRight(head.left(head.size() - 2));
    } else {
        static const QStringList ops { QStringLiteral("!="), QStringLiteral("=="), QStringLiteral("<="),
            QStringLiteral(">="), QStringLiteral("=~"), QStringLiteral("="), QStringLiteral("<"), QStringLiteral(">") };
        bool found = false;
        for (const QString& op : ops) {
            if (head.endsWith(op)) {
                head = trimmedRight(head.left(head.size() - op.size()));
                found = true;
                break;
            }
        }
        if (!found) {
            if (!endsWithKeyword(head, u"like")) {
                return FieldId::Count;
            }
            head = trimmedRight(head.left(head.size() - 4));
        }
    }
    if (endsWithKeyword(head, u"not")) {
        head = trimmedRight(head.left(head.size() - 3));
    }
    qsizetype start = 0;
    QString name = lastWord(head, start);
    if (name.isEmpty() && head.endsWith(u'`')) {
        const qsizetype open = head.lastIndexOf(u'`', head.size() - 2);
        name = open >= 0 ? head.mid(open + 1, head.size() - open - 2) : QString();
    }
    const std::optional<FieldId> field = fieldByAnyName(name.toStdString());
    return field ? *field : FieldId::Count;
}

QString quotedValue(FieldId field, const QString& value)
{
    if (fieldInfo(field).kind == FieldKind::Integer) {
        return value;
    }
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

} // namespace

bool FieldVocabulary::offersValues(FieldId field)
{
    switch (field) {
    case FieldId::Version:
    case FieldId::SrcPort:
    case FieldId::DstPort:
    case FieldId::Protocol:
    case FieldId::TcpFlags:
        return true;
    case FieldId::EventTimestamp:
        return false;
    default:
        return fieldInfo(field).kind != FieldKind::Integer;
    }
}

FieldVocabulary FieldVocabulary::compute(const FlowStore& store, std::size_t limit)
{
    FieldVocabulary vocabulary;
    vocabulary.present = store.presentFields();
    std::vector<FieldId> fields;
    for (std::size_t f = 0; f < FieldCount; ++f) {
        if (vocabulary.present.test(f) && offersValues(static_cast<FieldId>(f))) {
            fields.push_back(static_cast<FieldId>(f));
        }
    }
    // One more than needed per field, so a null among the most frequent does not shorten the list.
    const Facets facets = Facets::compute(Selection::all(store.snapshot()), fields, limit + 1);
    for (const Facet& facet : facets.facets) {
        std::vector<Value>& values = vocabulary.values[index(facet.field)];
        for (const FacetValue& v : facet.values) {
            if (v.value != kNull && values.size() < limit) {
                values.push_back({ QString::fromStdString(store.text(facet.field, v.value)), v.count });
            }
        }
    }
    return vocabulary;
}

Completions Completions::at(const QString& text, int cursor, const FieldVocabulary& vocabulary)
{
    Completions result;
    cursor = std::clamp(cursor, 0, static_cast<int>(text.size()));
    const QString before = text.left(cursor);
    // Is the cursor inside a string literal? Then its opening quote starts what is completed.
    qsizetype quote = -1;
    for (qsizetype i = 0; i < before.size(); ++i) {
        const QChar c = before[i];
        if (quote < 0) {
            if (c == u'"' || c == u'\'') {
                quote = i;
            }
        } else if (c == u'\\') {
            ++i;
        } else if (c == before[quote]) {
            quote = -1;
        }
    }
    qsizetype start = cursor;
    if (quote >= 0) {
        start = quote;
        result.prefix = before.mid(quote + 1);
    } else {
        while (start > 0 && isWordChar(before[start - 1])) {
            --start;
        }
        result.prefix = before.mid(start);
    }
    result.from = static_cast<int>(start);
    result.length = cursor - result.from;
    const QString head = before.left(start);

    const FieldId compared = fieldBeforeOperator(head);
    if (compared != FieldId::Count) {
        result.kind = Kind::Value;
        result.field = compared;
        if (quote >= 0 && cursor < text.size() && text[cursor] == before[quote]) {
            ++result.length; // the closing quote typed ahead is replaced too
        }
        const QLocale locale;
        for (const FieldVocabulary::Value& v : vocabulary.values[index(compared)]) {
            if (v.text.startsWith(result.prefix, Qt::CaseInsensitive)) {
                result.items.push_back({ QStringLiteral("%1 — %2 records").arg(v.text, locale.toString(v.count)),
                    quotedValue(compared, v.text) });
            }
        }
        return result;
    }
    if (quote >= 0) {
        return result;
    }
    // A name goes here: at the start, after `(`, `,`, `|`, `and`, `or`, `not`, `by`, or while typing one.
    const QString trimmedHead = trimmedRight(head);
    const bool segmentStart = trimmedHead.isEmpty() || trimmedHead.endsWith(u'|');
    qsizetype wordStart = 0;
    const QString previous = lastWord(trimmedHead, wordStart).toLower();
    static const QStringList joiners { QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"),
        QStringLiteral("by"), QStringLiteral("filter"), QStringLiteral("stats"), QStringLiteral("sort"),
        QStringLiteral("fields"), QStringLiteral("display"), QStringLiteral("dedup") };
    const bool nameGoesHere
        = segmentStart || trimmedHead.endsWith(u'(') || trimmedHead.endsWith(u',') || joiners.contains(previous);
    if (!nameGoesHere || (result.prefix.isEmpty() && trimmedHead.isEmpty())) {
        return result;
    }
    result.kind = Kind::Name;
    auto offer = [&](const QString& name) {
        if (name.startsWith(result.prefix, Qt::CaseInsensitive) && name != result.prefix) {
            result.items.push_back({ name, name });
        }
    };
    if (segmentStart && (trimmedHead.endsWith(u'|') || !result.prefix.isEmpty())) {
        for (const QString& command : kCommands) {
            offer(command);
        }
    }
    if (segmentStart && trimmedHead.endsWith(u'|')) {
        return result; // a command goes after `|`
    }
    for (std::size_t f = 0; f < FieldCount; ++f) {
        if (vocabulary.present.test(f)) {
            offer(QString::fromLatin1(fieldInfo(static_cast<FieldId>(f)).insightsName));
        }
    }
    for (const QString& function : kFunctions) {
        offer(function);
    }
    if (previous == QLatin1String("stats")) {
        for (const QString& aggregate : kAggregates) {
            offer(aggregate);
        }
    }
    return result;
}

QString Completions::apply(const QString& text, const CompletionItem& item, int& cursor) const
{
    QString out = text;
    out.replace(from, length, item.insertion);
    cursor = from + static_cast<int>(item.insertion.size());
    return out;
}

} // namespace flowlens
