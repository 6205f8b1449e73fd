#include "exprnodes.h"
#include "nodebases.h"
#include "store/flowstore.h"
#include "textmatcher.h"

#include <unordered_map>

// The text-matching nodes: `like` and `=~` over any value, and over a stored string or address
// field, tested once per distinct value.
namespace flowlens::query {

namespace {

class LikeNode : public Node {
public:
    LikeNode(NodePtr subject, const Literal& pattern, bool negated)
        : Node(ValueType::Boolean)
        , m_subject(std::move(subject))
        , m_matcher(pattern)
        , m_negated(negated)
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        m_subject->eval(batch, m_values);
        out.reset(ValueType::Boolean, batch.count);
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            const std::string_view text = valueText(m_values, i, m_buffer);
            out.ints[i] = text.data() == nullptr ? kNull : truth(m_matcher.matches(text) != m_negated);
        }
    }

private:
    NodePtr m_subject;
    TextMatcher m_matcher;
    bool m_negated;
    Values m_values;
    std::string m_buffer;
};

class FieldLikeNode : public FieldTestNode {
public:
    FieldLikeNode(const FlowStore& store, FieldId field, const Literal& pattern, bool negated)
        : FieldTestNode(field)
        , m_store(store)
        , m_matcher(pattern)
        , m_negated(negated)
    {
    }

private:
    void test(std::int64_t* v, std::uint32_t n) override
    {
        apply(v, n, [this](std::int64_t x) { return matches(x) != m_negated; });
    }

    bool matches(std::int64_t code)
    {
        if (fieldInfo(field()).kind == FieldKind::Address) {
            // Address ids are sparse (an IPv4 id is the address): remember them in a map.
            auto [it, inserted] = m_addressMemo.try_emplace(code, false);
            if (inserted) {
                it->second = m_matcher.matches(m_store.address(AddressId(code)).toString());
            }
            return it->second;
        }
        const auto id = static_cast<std::size_t>(code);
        if (id >= m_memo.size()) {
            m_memo.resize(id + 1 + m_memo.size() / 2, -1);
        }
        if (m_memo[id] < 0) {
            m_memo[id]
                = m_matcher.matches(m_store.dictionary(field()).text(StringId(static_cast<std::uint32_t>(id)))) ? 1 : 0;
        }
        return m_memo[id] == 1;
    }

    const FlowStore& m_store;
    TextMatcher m_matcher;
    bool m_negated;
    std::unordered_map<std::int64_t, bool> m_addressMemo;
    std::vector<std::int8_t> m_memo; // per string id: -1 unknown, 0, 1
};

} // namespace

NodePtr makeLike(NodePtr subject, const Literal& pattern, bool negated)
{
    return std::make_unique<LikeNode>(std::move(subject), pattern, negated);
}

NodePtr makeFieldLike(const FlowStore& store, FieldId field, const Literal& pattern, bool negated)
{
    return std::make_unique<FieldLikeNode>(store, field, pattern, negated);
}

} // namespace flowlens::query
