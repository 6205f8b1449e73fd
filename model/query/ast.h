#pragma once

#include "ipaddress.h"
#include "period.h"
#include "schema/field.h"
#include "sourcespan.h"

#include <QString>
#include <cstdint>
#include <variant>
#include <vector>

// The checked syntax tree of a query, made for a column-wise evaluator: every node carries its
// static type, every name is resolved (a FieldId, @message, or a column a previous command
// defined), every literal is already in the type it is compared with (addresses and networks
// parsed, periods in units, regexes validated). Query::parse() never hands out an unchecked tree.
namespace flowlens::query {

// Static types. Timestamp values are milliseconds since the Unix epoch (what @timestamp, bin(),
// datefloor() and fromMillis() produce); flow-log startTime/endTime stay Integer seconds.
enum class ValueType : std::uint8_t { Boolean, Integer, Float, String, Address, Timestamp, Period, Regex };

struct RegexPattern {
    QString pattern; // as written between the slashes, `\/` unescaped to `/`
    bool caseInsensitive = false; // flag i
    bool multiLine = false; // flag m
    bool dotAll = false; // flag s
    friend bool operator==(const RegexPattern&, const RegexPattern&) = default;
};

// A literal. Integer and Float literals compared with a string field become String (their source
// text); string literals compared with an address field become IpAddress, and so on.
using Literal
    = std::variant<std::monostate, bool, std::int64_t, double, QString, IpAddress, Cidr, Period, RegexPattern>;

enum class ExprKind : std::uint8_t {
    Literal, // `literal`
    Field, // a flow-log or container field: `field`
    Message, // @message: the raw record line
    Column, // a column defined by an earlier command (`fields … as x`, stats output): `column`, `name`
    Unary, // `unaryOp` args[0]
    Binary, // args[0] `binaryOp` args[1]
    In, // args[0] in [args[1..]]; the items are Literal nodes of args[0]'s type; `negated` for `not in`
    Like, // args[0] like args[1]: a Literal holding a QString (substring, case-sensitive) or a RegexPattern; `negated`
    Call, // `function`(args…)
    Aggregate, // `aggregate`(args…): only in a stats command
    Name, // parser only: a name not yet resolved
};

enum class UnaryOp : std::uint8_t { Not, Negate };

enum class BinaryOp : std::uint8_t {
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Multiply,
    Divide, // always Float, as in Insights
    Modulo,
    Power,
};

enum class Function : std::uint8_t {
    Unresolved, // parser only
    IsIpv4InSubnet, // (Address, Cidr literal v4) -> Boolean
    IsIpv6InSubnet, // (Address, Cidr literal v6) -> Boolean
    IsIpInSubnet, // (Address, Cidr literal) -> Boolean
    IsPresent, // (field or column) -> Boolean
    IsEmpty, // (any) -> Boolean: missing or ""
    IsBlank, // (any) -> Boolean: missing, "" or white space only
    Coalesce, // (T, T, …) -> T
    Abs, // (number) -> same
    Floor, // (number) -> Integer
    Ceil, // (number) -> Integer
    Greatest, // (number, …) -> Integer if all Integer, else Float
    Least,
    Strlen, // (String|Address) -> Integer
    ToLower, // (String) -> String
    ToUpper,
    Concat, // (any non-Boolean, …) -> String
    StrContains, // (String|Address, String) -> Boolean
    Bin, // (Period literal) -> Timestamp: @timestamp truncated to the period
    DateFloor, // (Timestamp, Period literal) -> Timestamp
    DateCeil, // (Timestamp, Period literal) -> Timestamp
    FromMillis, // (number) -> Timestamp
    ToMillis, // (Timestamp) -> Integer
};

enum class Aggregate : std::uint8_t {
    Count, // no args: every row; one arg: rows where it is present -> Integer
    CountDistinct, // -> Integer
    Sum, // Integer -> Integer, Float -> Float
    Avg, // -> Float
    Min, // -> argument type
    Max,
    Percentile, // pct(x, p): args[1] is a Float literal in [0, 100] -> argument type
    StdDev, // -> Float
    Earliest, // value at the earliest @timestamp -> argument type
    Latest,
};

struct Expr {
    ExprKind kind = ExprKind::Literal;
    ValueType type = ValueType::Boolean;
    SourceSpan span;
    UnaryOp unaryOp = UnaryOp::Not;
    BinaryOp binaryOp = BinaryOp::And;
    Function function = Function::Unresolved;
    Aggregate aggregate = Aggregate::Count;
    bool negated = false;
    bool quotedName = false; // Name/Field/Column was written in backquotes
    FieldId field = FieldId::Count;
    int column = -1; // index into Query::columns()
    QString name; // Name: as written; Field/Column: canonical name; Call/Aggregate: canonical spelling
    Literal literal;
    std::vector<Expr> args;
};

// One item of fields/display/stats: an expression and the column name it produces. `name` is the
// alias, or the field's Insights name for a bare field, or the canonical text of the expression
// ("count(*)", "bin(1h)") as Insights would title it.
struct Projection {
    Expr expr;
    QString name;
    bool aliased = false;
    SourceSpan aliasSpan;
    int column = -1; // the column this item defines, -1 when it only shows an existing field/column
};

enum class SortOrder : std::uint8_t { Ascending, Descending };

struct SortKey {
    Expr expr; // a Field, Message or Column
    SortOrder order = SortOrder::Ascending; // when not written: ascending (explicitOrder false)
    bool explicitOrder = false;
};

struct FieldsCommand {
    SourceSpan span;
    std::vector<Projection> items;
};

struct DisplayCommand {
    SourceSpan span;
    std::vector<Expr> names; // Field, Message or Column
};

struct FilterCommand {
    SourceSpan span;
    Expr condition; // type Boolean
};

struct StatsCommand {
    SourceSpan span;
    std::vector<Projection> aggregates; // each contains at least one Aggregate node
    std::vector<Projection> groupBy; // no Aggregate nodes
};

struct SortCommand {
    SourceSpan span;
    std::vector<SortKey> keys;
};

struct LimitCommand {
    SourceSpan span;
    std::int64_t count = 0; // > 0
};

struct DedupCommand {
    SourceSpan span;
    std::vector<Expr> keys; // Field, Message or Column
};

using Command
    = std::variant<FieldsCommand, DisplayCommand, FilterCommand, StatsCommand, SortCommand, LimitCommand, DedupCommand>;

// A column a command defines: a `fields … as name` item, or a stats group key or aggregate.
struct ColumnDef {
    enum class Origin : std::uint8_t { Fields, GroupKey, Aggregate };
    QString name;
    ValueType type = ValueType::Boolean;
    Origin origin = Origin::Fields;
    int command = -1; // index into Query::commands()
    int item = -1; // index into that command's items / groupBy / aggregates
};

// "number", "string", "address", …: a type as error messages and tools name it.
QString typeName(ValueType type);
// The same with its article: "a number", "an address".
QString typePhraseOf(ValueType type);
// The static type of a field's values (@timestamp is a Timestamp) and of a literal.
ValueType valueTypeOf(FieldId id);
ValueType valueTypeOf(const Literal& value);

} // namespace flowlens::query
