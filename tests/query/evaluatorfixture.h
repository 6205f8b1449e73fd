#pragma once

// The records the evaluator tests query, written by the tests themselves, and the brute-force
// helpers that compute every expected answer with plain loops over the tests' own copy of them.
#include "ingest/loader.h"
#include "query/queryevaluator.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace queryfixture {

using namespace flowlens;
using namespace flowlens::query;

using Opt = std::optional<std::int64_t>;
using Text = std::optional<std::string>;

struct Rec {
    std::uint64_t line = 0;
    Text src, dst, pktSrc;
    Opt srcPort, dstPort, protocol, packets, bytes;
    std::int64_t start = 0, end = 0;
    Text action, vpc;
    std::string logStatus;
};

// An expected cell: null, text, or a number compared with a relative tolerance.
using Cell = std::variant<std::monostate, std::string, double>;
using Row = std::vector<Cell>;

// The tests' own random numbers (a 64-bit LCG): next(mod) is in [0, mod).
class TestRandom {
public:
    explicit TestRandom(std::uint64_t seed)
        : m_x(seed)
    {
    }
    std::int64_t operator()(std::uint64_t mod)
    {
        m_x = m_x * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::int64_t>((m_x >> 33) % mod);
    }

private:
    std::uint64_t m_x;
};

// An address as 16 bytes, IPv4 mapped into IPv6, parsed by the C library (not by FlowLens).
std::array<unsigned char, 16> parseAddress(const std::string& text);
const std::array<unsigned char, 16>& addressBytes(const std::string& text);
bool inNetwork(const std::string& address, const std::string& network, int prefix);
// Address order with nulls last.
bool addressLess(const Text& a, const Text& b);
std::string field(const Text& t);
std::string field(const Opt& v);
std::vector<Rec> makeRecords();
std::string line(const Rec& r);
Cell cell(const Text& t);
Cell cell(const Opt& v);
QString describe(const Cell& c);
std::string utcText(std::int64_t ms);

// The tests' store of makeRecords(), loaded from a file they write, and queries over it.
class EvaluatorFixture {
protected:
    // Writes the records to a file and loads it (the tests' initTestCase).
    void loadRecords(std::vector<Rec> records = makeRecords());

    QTemporaryDir m_dir;
    std::vector<Rec> m_records;
    FlowStore m_store;
    std::map<std::uint64_t, const Rec*> m_byLine;

    QueryOutput run(const QString& text)
    {
        const QueryResult parsed = Query::parse(text);
        if (!parsed.ok()) {
            qWarning() << parsed.error().render(text);
            return {};
        }
        return QueryEvaluator(m_store).run(parsed.query(), Selection::all(m_store.snapshot()));
    }

    // The lines of the records a selection holds.
    std::set<std::uint64_t> linesOf(const Selection& selection) const
    {
        std::set<std::uint64_t> lines;
        for (RowId id : selection.rowIds()) {
            lines.insert(selection.snapshot().chunk(id).line(rowOf(id)));
        }
        return lines;
    }

    static bool sameRows(const Result& table, const std::vector<Row>& expected)
    {
        if (table.rowCount() != expected.size()) {
            qWarning("rows: got %zu, expected %zu", table.rowCount(), expected.size());
            return false;
        }
        for (std::size_t r = 0; r < expected.size(); ++r) {
            if (expected[r].size() != table.columnCount()) {
                qWarning("columns: got %zu, expected %zu", table.columnCount(), expected[r].size());
                return false;
            }
            for (std::size_t c = 0; c < table.columnCount(); ++c) {
                const Cell& want = expected[r][c];
                const std::string got = table.text(c, r);
                bool ok = false;
                if (std::holds_alternative<std::monostate>(want)) {
                    ok = table.isNull(c, r);
                } else if (const auto* s = std::get_if<std::string>(&want)) {
                    ok = !table.isNull(c, r) && got == *s;
                } else {
                    const double w = std::get<double>(want);
                    ok = !table.isNull(c, r) && std::fabs(std::stod(got) - w) <= 1e-9 * std::max(1.0, std::fabs(w));
                }
                if (!ok) {
                    qWarning() << "row" << r << "column" << table.column(c).name << "got"
                               << (table.isNull(c, r) ? QStringLiteral("null") : QString::fromStdString(got))
                               << "expected" << describe(want);
                    return false;
                }
            }
        }
        return true;
    }

    // Groups of records by a key, in key order (addresses as addresses, nulls last).
    template <class Key, class Less>
    std::vector<std::pair<Key, std::vector<const Rec*>>> groupBy(
        std::function<bool(const Rec&)> keep, std::function<Key(const Rec&)> key, Less less) const
    {
        std::vector<std::pair<Key, std::vector<const Rec*>>> groups;
        std::map<Key, std::size_t, Less> index(less);
        for (const Rec& r : m_records) {
            if (!keep(r)) {
                continue;
            }
            const Key k = key(r);
            auto [it, inserted] = index.emplace(k, groups.size());
            if (inserted) {
                groups.push_back({ k, {} });
            }
            groups[it->second].second.push_back(&r);
        }
        std::stable_sort(
            groups.begin(), groups.end(), [&](const auto& a, const auto& b) { return less(a.first, b.first); });
        return groups;
    }

    static Opt sumOf(const std::vector<const Rec*>& rows, Opt Rec::*member)
    {
        Opt sum;
        for (const Rec* r : rows) {
            if (r->*member) {
                sum = sum.value_or(0) + *(r->*member);
            }
        }
        return sum;
    }

    static bool all(const Rec&) { return true; }

    using Pair = std::pair<Text, Text>;
    static bool pairLess(const Pair& a, const Pair& b)
    {
        if (addressLess(a.first, b.first)) {
            return true;
        }
        if (addressLess(b.first, a.first)) {
            return false;
        }
        return addressLess(a.second, b.second);
    }

    // Top `n` groups by a sum, descending, nulls last; ties keep key order (the sort is stable).
    std::vector<Row> topBySum(const std::vector<std::pair<Pair, std::vector<const Rec*>>>& groups, Opt Rec::*member,
        std::size_t n, bool pairs) const
    {
        std::vector<std::pair<Row, Opt>> rows;
        for (const auto& [key, members] : groups) {
            const Opt sum = sumOf(members, member);
            Row row = pairs ? Row { cell(key.first), cell(key.second), cell(sum) } : Row { cell(key.first), cell(sum) };
            rows.push_back({ row, sum });
        }
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            if (!a.second || !b.second) {
                return a.second && !b.second;
            }
            return *a.second > *b.second;
        });
        std::vector<Row> top;
        for (std::size_t i = 0; i < std::min(n, rows.size()); ++i) {
            top.push_back(rows[i].first);
        }
        return top;
    }
};

} // namespace queryfixture
