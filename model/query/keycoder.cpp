#include "keycoder.h"

#include "exprcompiler.h"
#include "store/flowstore.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace flowlens::query {

KeyCoder::KeyCoder(const FlowStore& store, const Expr& e)
    : m_store(store)
    , m_type(e.type)
    , m_stored(isStoredField(e))
    , m_field(e.kind == ExprKind::Field ? e.field : FieldId::Count)
{
}

void KeyCoder::encode(const Values& values, std::int64_t* out)
{
    const std::size_t n = values.size();
    switch (storageOf(m_type)) {
    case Storage::Ints:
        std::copy(values.ints.begin(), values.ints.end(), out);
        return;
    case Storage::Floats:
        for (std::size_t i = 0; i < n; ++i) {
            const double d = values.floats[i];
            // +0.0 for -0.0 as well, whose bits are kNull's.
            out[i] = std::isnan(d) ? kNull : std::bit_cast<std::int64_t>(d == 0 ? 0.0 : d);
        }
        return;
    case Storage::Strings:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = values.strings[i].data() ? m_strings->intern(values.strings[i]).value : kNull;
        }
        return;
    case Storage::Addresses:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = values.addresses[i] ? m_addresses->intern(*values.addresses[i]) : kNull;
        }
        return;
    }
}

void KeyCoder::encodeBatch(const Batch& batch, Node* node, Values& values, std::vector<std::int64_t>& codes,
    std::vector<std::int64_t>& scratch)
{
    codes.resize(batch.count);
    if (!node) {
        decodeField(batch, m_field, codes.data(), scratch);
        return;
    }
    node->eval(batch, values);
    encode(values, codes.data());
}

std::vector<std::uint32_t> KeyCoder::ranks(const std::vector<std::int64_t>& codes, const Values& values) const
{
    if (!m_stored || storageOf(m_type) == Storage::Ints) {
        return valueRanks(values, false);
    }
    // Rank the distinct stored values, far fewer than the groups, then look each group's up.
    std::vector<std::int64_t> distinct;
    for (std::int64_t code : codes) {
        if (code != kNull) {
            distinct.push_back(code);
        }
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    Values distinctValues;
    ValueArena unused;
    for (std::int64_t code : distinct) {
        decode(code, distinctValues, unused);
    }
    const std::vector<std::uint32_t> distinctRanks = valueRanks(distinctValues, false);
    // Address ids are sparse (an IPv4 id is the address): find each code among the distinct ones.
    std::vector<std::uint32_t> out(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        out[i] = codes[i] == kNull
            ? static_cast<std::uint32_t>(codes.size())
            : distinctRanks[static_cast<std::size_t>(
                std::lower_bound(distinct.begin(), distinct.end(), codes[i]) - distinct.begin())];
    }
    return out;
}

void KeyCoder::decode(std::int64_t code, Values& out, ValueArena& arena) const
{
    out.type = m_type;
    const auto id = static_cast<std::uint32_t>(code);
    switch (storageOf(m_type)) {
    case Storage::Ints:
        out.ints.push_back(code);
        return;
    case Storage::Floats:
        out.floats.push_back(code == kNull ? std::nan("") : std::bit_cast<double>(code));
        return;
    case Storage::Strings:
        if (code == kNull) {
            out.strings.emplace_back();
        } else if (m_stored) {
            const std::string_view text = m_store.dictionary(m_field).text(StringId(id));
            out.strings.push_back(text.data() ? text : kEmptyText);
        } else {
            out.strings.push_back(arena.keep(m_strings->text(StringId(id))));
        }
        return;
    case Storage::Addresses:
        if (code == kNull) {
            out.addresses.emplace_back();
        } else if (m_stored) {
            out.addresses.emplace_back(m_store.address(AddressId(code)));
        } else {
            out.addresses.emplace_back(m_addresses->address(id));
        }
        return;
    }
}

} // namespace flowlens::query
