#pragma once

#include "ast.h"
#include "exprnode.h"
#include "store/addresstable.h"
#include "store/stringdictionary.h"
#include "values.h"

#include <memory>

namespace flowlens {
class FlowStore;
}

namespace flowlens::query {

// Turns the values of one expression into 64-bit codes that are equal exactly when the values are,
// and the same in every worker thread: a stored field's own codes (numbers, string and address
// ids), numbers as themselves, and computed text and addresses interned in tables of its own
// (thread-safe). Group keys and count_distinct use it.
class KeyCoder {
public:
    KeyCoder(const FlowStore& store, const Expr& e);

    // True when the codes are the stored field's codes (decodeField gives them without evaluating).
    bool storedCodes() const { return m_stored; }
    FieldId field() const { return m_field; }
    ValueType type() const { return m_type; }

    void encode(const Values& values, std::int64_t* out);
    // The codes of the batch's rows: the stored field's, or (when `node` is given, the expression
    // compiled) its values encoded. `values` and `scratch` are the caller's reusable buffers.
    void encodeBatch(const Batch& batch, Node* node, Values& values, std::vector<std::int64_t>& codes,
        std::vector<std::int64_t>& scratch);
    // The sort rank of each code (as valueRanks() numbers values, ascending, nulls last), sorting
    // only the distinct values when the codes are a stored field's.
    std::vector<std::uint32_t> ranks(const std::vector<std::int64_t>& codes, const Values& values) const;
    // The value of `code`; text that only this coder holds is copied to `arena`.
    void decode(std::int64_t code, Values& out, ValueArena& arena) const;

private:
    const FlowStore& m_store;
    ValueType m_type;
    bool m_stored = false;
    FieldId m_field = FieldId::Count;
    std::unique_ptr<StringDictionary> m_strings = std::make_unique<StringDictionary>();
    std::unique_ptr<AddressTable> m_addresses = std::make_unique<AddressTable>();
};

} // namespace flowlens::query
