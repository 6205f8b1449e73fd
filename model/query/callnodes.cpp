#include "exprnodes.h"
#include "timebucket.h"

#include <cmath>
#include <limits>

namespace flowlens::query {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t toInteger(double d)
{
    if (std::isnan(d) || d >= 9.2e18 || d <= -9.2e18) {
        return kNull;
    }
    return static_cast<std::int64_t>(d);
}

std::size_t codePoints(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

bool isBlankText(std::string_view text)
{
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// A scalar function over the values of its arguments, row by row.
class CallNode : public Node {
public:
    CallNode(const Expr& call, std::vector<NodePtr> args)
        : Node(call.type)
        , m_function(call.function)
        , m_args(std::move(args))
        , m_values(m_args.size())
    {
        for (std::size_t i = 0; i < call.args.size(); ++i) {
            if (const auto* period = std::get_if<Period>(&call.args[i].literal)) {
                m_period = *period;
            } else if (const auto* network = std::get_if<Cidr>(&call.args[i].literal)) {
                m_network.network.bytes = network->network().bytes();
                m_network.prefixLength = network->prefixLength();
            }
        }
    }

    void eval(const Batch& batch, Values& out) override
    {
        for (std::size_t a = 0; a < m_args.size(); ++a) {
            if (m_args[a]) {
                m_args[a]->eval(batch, m_values[a]);
            }
        }
        out.reset(type(), batch.count);
        const bool bucket
            = m_function == Function::Bin || m_function == Function::DateFloor || m_function == Function::DateCeil;
        if (bucket && !m_period.isCalendar()) {
            fixedBuckets(out, batch.count);
            return;
        }
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            evalRow(batch, out, i);
        }
    }

private:
    // bin() and datefloor()/dateceil() of a fixed period, as timeBucket() has them: flow logs come
    // roughly in time order, so most rows fall in the bucket of the row before and skip the division.
    void fixedBuckets(Values& out, std::uint32_t n) const
    {
        const std::int64_t* x = m_values[0].ints.data();
        const auto step = static_cast<std::uint64_t>(*m_period.milliseconds());
        const bool roundUp = m_function == Function::DateCeil;
        bool known = false;
        std::int64_t start = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::int64_t ms = x[i];
            if (ms == kNull) {
                out.ints[i] = kNull;
                continue;
            }
            if (!known || ms < start || static_cast<std::uint64_t>(ms) - static_cast<std::uint64_t>(start) >= step) {
                start = timeBucket(ms, m_period);
                known = true;
            }
            out.ints[i] = roundUp && start != ms ? start + static_cast<std::int64_t>(step) : start;
        }
    }

    void evalRow(const Batch& batch, Values& out, std::uint32_t i)
    {
        const Values& x = m_values[0];
        switch (m_function) {
        case Function::IsIpv4InSubnet:
        case Function::IsIpv6InSubnet:
        case Function::IsIpInSubnet:
            out.ints[i] = x.addresses[i] ? (m_network.contains(*x.addresses[i]) ? 1 : 0) : kNull;
            return;
        case Function::IsPresent:
            out.ints[i] = x.isNull(i) ? 0 : 1;
            return;
        case Function::IsEmpty:
            out.ints[i] = x.isNull(i) || (x.type == ValueType::String && x.strings[i].empty()) ? 1 : 0;
            return;
        case Function::IsBlank:
            out.ints[i] = x.isNull(i) || (x.type == ValueType::String && isBlankText(x.strings[i])) ? 1 : 0;
            return;
        case Function::Coalesce:
            coalesce(out, i);
            return;
        case Function::Abs:
            if (type() == ValueType::Float) {
                out.floats[i] = std::fabs(x.floats[i]);
            } else {
                out.ints[i] = x.ints[i] == kNull || x.ints[i] >= 0
                    ? x.ints[i]
                    : static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(x.ints[i]));
            }
            return;
        case Function::Floor:
        case Function::Ceil:
            if (x.type == ValueType::Integer) {
                out.ints[i] = x.ints[i];
            } else {
                out.ints[i]
                    = toInteger(m_function == Function::Floor ? std::floor(x.floats[i]) : std::ceil(x.floats[i]));
            }
            return;
        case Function::Greatest:
        case Function::Least:
            extreme(out, i);
            return;
        case Function::Strlen: {
            const std::string_view text = valueText(x, i, m_buffer);
            out.ints[i] = text.data() ? static_cast<std::int64_t>(codePoints(text)) : kNull;
            return;
        }
        case Function::ToLower:
        case Function::ToUpper:
            out.strings[i] = x.isNull(i) ? std::string_view() : changeCase(batch, x.strings[i]);
            return;
        case Function::Concat:
            m_text.clear();
            for (const Values& arg : m_values) {
                const std::string_view part = valueText(arg, i, m_buffer);
                m_text.append(part.data() ? part : std::string_view());
            }
            out.strings[i] = batch.arena->keep(m_text);
            return;
        case Function::StrContains: {
            const std::string_view text = valueText(x, i, m_buffer);
            const Values& needle = m_values[1];
            out.ints[i] = !text.data() || needle.isNull(i)
                ? kNull
                : (text.find(needle.strings[i]) != std::string_view::npos ? 1 : 0);
            return;
        }
        case Function::Bin:
        case Function::DateFloor:
        case Function::DateCeil:
            out.ints[i]
                = x.ints[i] == kNull ? kNull : timeBucket(x.ints[i], m_period, m_function == Function::DateCeil);
            return;
        case Function::FromMillis:
            out.ints[i] = x.type == ValueType::Float ? toInteger(std::floor(x.floats[i])) : x.ints[i];
            return;
        case Function::ToMillis:
            out.ints[i] = x.ints[i];
            return;
        case Function::Unresolved:
            break;
        }
        out.ints[i] = kNull;
    }

    void coalesce(Values& out, std::uint32_t i)
    {
        for (const Values& arg : m_values) {
            if (arg.isNull(i)) {
                continue;
            }
            switch (storageOf(type())) {
            case Storage::Ints:
                out.ints[i] = arg.ints[i];
                return;
            case Storage::Floats:
                out.floats[i] = arg.type == ValueType::Float ? arg.floats[i] : static_cast<double>(arg.ints[i]);
                return;
            case Storage::Strings:
                out.strings[i] = arg.strings[i];
                return;
            case Storage::Addresses:
                out.addresses[i] = arg.addresses[i];
                return;
            }
        }
        switch (storageOf(type())) {
        case Storage::Ints:
            out.ints[i] = kNull;
            break;
        case Storage::Floats:
            out.floats[i] = kNaN;
            break;
        case Storage::Strings:
            out.strings[i] = {};
            break;
        case Storage::Addresses:
            out.addresses[i] = std::nullopt;
            break;
        }
    }

    // greatest()/least() of the arguments that are present; null when none is.
    void extreme(Values& out, std::uint32_t i)
    {
        const bool greatest = m_function == Function::Greatest;
        std::optional<std::size_t> best;
        for (std::size_t a = 0; a < m_values.size(); ++a) {
            if (m_values[a].isNull(i)) {
                continue;
            }
            if (!best) {
                best = a;
                continue;
            }
            const int c = compareValues(m_values[a], i, m_values[*best], i);
            if (greatest ? c > 0 : c < 0) {
                best = a;
            }
        }
        if (type() == ValueType::Integer) {
            out.ints[i] = best ? m_values[*best].ints[i] : kNull;
        } else {
            const Values& v = best ? m_values[*best] : m_values[0];
            out.floats[i] = !best ? kNaN : v.type == ValueType::Float ? v.floats[i] : static_cast<double>(v.ints[i]);
        }
    }

    std::string_view changeCase(const Batch& batch, std::string_view text)
    {
        const bool lower = m_function == Function::ToLower;
        const bool ascii
            = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii) {
            const QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
            m_text = (lower ? s.toLower() : s.toUpper()).toStdString();
            return batch.arena->keep(m_text);
        }
        m_text.assign(text);
        for (char& c : m_text) {
            if (lower && c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            } else if (!lower && c >= 'a' && c <= 'z') {
                c = static_cast<char>(c - 'a' + 'A');
            }
        }
        return batch.arena->keep(m_text);
    }

    Function m_function;
    std::vector<NodePtr> m_args; // null for literal periods and networks
    std::vector<Values> m_values;
    Period m_period;
    flowlens::Cidr m_network;
    std::string m_buffer;
    std::string m_text;
};

} // namespace

NodePtr makeCall(const Expr& call, std::vector<NodePtr> args)
{
    return std::make_unique<CallNode>(call, std::move(args));
}

} // namespace flowlens::query
