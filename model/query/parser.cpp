#include "parser.h"

#include "spelling.h"

#include <array>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

constexpr std::array<QStringView, 7> kReserved { u"and", u"or", u"not", u"in", u"like", u"as", u"by" };

constexpr std::array<QStringView, 8> kCommands { u"fields", u"filter", u"stats", u"sort", u"limit", u"dedup",
    u"display", u"where" };

// Logs Insights commands that exist but that FlowLens does not run.
constexpr std::array<QStringView, 10> kUnsupportedCommands { u"parse", u"unmask", u"pattern", u"diff", u"anomaly",
    u"filterIndex", u"SOURCE", u"unnest", u"lookup", u"fieldsSummary" };

bool equalsWord(QStringView text, QStringView word)
{
    return text.compare(word, Qt::CaseInsensitive) == 0;
}

bool isReservedWord(const Token& token)
{
    if (token.kind != TokenKind::Identifier) {
        return false;
    }
    for (QStringView word : kReserved) {
        if (equalsWord(token.text, word)) {
            return true;
        }
    }
    return false;
}

std::optional<BinaryOp> comparisonOp(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Equal:
        return BinaryOp::Equal;
    case TokenKind::NotEqual:
        return BinaryOp::NotEqual;
    case TokenKind::Less:
        return BinaryOp::Less;
    case TokenKind::LessEqual:
        return BinaryOp::LessEqual;
    case TokenKind::Greater:
        return BinaryOp::Greater;
    case TokenKind::GreaterEqual:
        return BinaryOp::GreaterEqual;
    default:
        return std::nullopt;
    }
}

Expr makeBinary(BinaryOp op, Expr lhs, Expr rhs)
{
    Expr e;
    e.kind = ExprKind::Binary;
    e.binaryOp = op;
    e.span = SourceSpan::cover(lhs.span, rhs.span);
    e.args.push_back(std::move(lhs));
    e.args.push_back(std::move(rhs));
    return e;
}

Expr makeLiteral(SourceSpan span, Literal value)
{
    Expr e;
    e.kind = ExprKind::Literal;
    e.span = span;
    e.literal = std::move(value);
    return e;
}

RegexPattern regexFromToken(const Token& token)
{
    RegexPattern regex;
    regex.pattern = token.text;
    regex.caseInsensitive = token.regexFlags.contains(u'i');
    regex.multiLine = token.regexFlags.contains(u'm');
    regex.dotAll = token.regexFlags.contains(u's');
    return regex;
}

} // namespace

Parser::Parser(QStringView text, std::vector<Token> tokens)
    : m_text(text)
    , m_tokens(std::move(tokens))
{
    if (m_tokens.empty() || m_tokens.back().kind != TokenKind::End) {
        Token end;
        end.span.offset = text.size();
        m_tokens.push_back(end);
    }
}

const Token& Parser::lookahead(std::size_t n) const
{
    return m_tokens[std::min(m_pos + n, m_tokens.size() - 1)];
}

const Token& Parser::advance()
{
    const Token& token = m_tokens[m_pos];
    if (m_pos + 1 < m_tokens.size()) {
        ++m_pos;
    }
    return token;
}

bool Parser::atKeyword(QStringView word) const
{
    return current().kind == TokenKind::Identifier && equalsWord(current().text, word);
}

QString Parser::describe(const Token& token) const
{
    if (token.kind == TokenKind::End) {
        return u"the end of the query"_s;
    }
    return u"`"_s + m_text.sliced(token.span.offset, token.span.length) + u"`"_s;
}

void Parser::failAt(const Token& token, const QString& message) const
{
    failAt(token.span, message);
}

void Parser::failAt(SourceSpan span, const QString& message) const
{
    throw QueryError(m_text, span, message);
}

const Token& Parser::expect(TokenKind kind, QStringView what)
{
    if (!at(kind)) {
        failAt(current(), u"expected "_s + what + u", found "_s + describe(current()));
    }
    return advance();
}

std::optional<QueryError> Parser::parseQuery(std::vector<Command>& commands)
{
    try {
        commands.clear();
        if (at(TokenKind::End)) {
            return std::nullopt;
        }
        while (true) {
            commands.push_back(parseCommand());
            checkCommandDepth(commands.back());
            if (at(TokenKind::End)) {
                return std::nullopt;
            }
            if (!at(TokenKind::Pipe)) {
                failAt(current(), u"expected `|` or the end of the query, found "_s + describe(current()));
            }
            advance();
            if (at(TokenKind::End)) {
                failAt(current(), u"expected a command after `|`"_s);
            }
        }
    } catch (const QueryError& error) {
        return error;
    }
}

std::optional<QueryError> Parser::parseStandaloneExpression(Expr& expr)
{
    try {
        if (at(TokenKind::End)) {
            failAt(current(), u"expected an expression"_s);
        }
        expr = parseOr();
        checkTreeDepth(expr);
        if (!at(TokenKind::End)) {
            failAt(current(), u"expected the end of the expression, found "_s + describe(current()));
        }
        return std::nullopt;
    } catch (const QueryError& error) {
        return error;
    }
}

Command Parser::parseCommand()
{
    const Token& keyword = current();
    if (keyword.kind != TokenKind::Identifier) {
        failAt(keyword,
            u"expected a command (fields, filter, stats, sort, limit, dedup, display), found "_s + describe(keyword));
    }
    const QString word = keyword.text.toLower();
    const SourceSpan start = keyword.span;
    advance();
    auto spanFromStart = [&] { return SourceSpan::cover(start, m_tokens[m_pos > 0 ? m_pos - 1 : 0].span); };

    if (word == u"fields") {
        FieldsCommand command;
        command.items = parseItems();
        command.span = spanFromStart();
        return command;
    }
    if (word == u"filter" || word == u"where") {
        FilterCommand command;
        command.condition = parseOr();
        command.span = spanFromStart();
        return command;
    }
    if (word == u"stats") {
        StatsCommand command;
        command.aggregates = parseItems();
        if (atKeyword(u"by")) {
            advance();
            command.groupBy = parseItems();
        }
        command.span = spanFromStart();
        return command;
    }
    if (word == u"sort") {
        SortCommand command;
        do {
            SortKey key;
            key.expr = parseNameReference();
            if (atKeyword(u"asc") || atKeyword(u"desc")) {
                key.explicitOrder = true;
                key.order = atKeyword(u"desc") ? SortOrder::Descending : SortOrder::Ascending;
                advance();
            }
            command.keys.push_back(std::move(key));
        } while (at(TokenKind::Comma) && (advance(), true));
        command.span = spanFromStart();
        return command;
    }
    if (word == u"limit") {
        if (!at(TokenKind::Integer) || current().integer <= 0) {
            failAt(current(), u"`limit` needs a positive whole number, found "_s + describe(current()));
        }
        LimitCommand command;
        command.count = advance().integer;
        command.span = spanFromStart();
        return command;
    }
    if (word == u"dedup" || word == u"display") {
        std::vector<Expr> names;
        do {
            names.push_back(parseNameReference());
        } while (at(TokenKind::Comma) && (advance(), true));
        if (word == u"dedup") {
            return DedupCommand { spanFromStart(), std::move(names) };
        }
        return DisplayCommand { spanFromStart(), std::move(names) };
    }
    for (QStringView unsupported : kUnsupportedCommands) {
        if (equalsWord(keyword.text, unsupported)) {
            failAt(keyword, u"`"_s + keyword.text + u"` is a Logs Insights command that FlowLens does not support"_s);
        }
    }
    QStringList commandNames;
    for (QStringView c : kCommands) {
        commandNames.append(c.toString());
    }
    failAt(keyword, u"unknown command `"_s + keyword.text + u"`"_s + didYouMean(keyword.text, commandNames));
}

std::vector<Projection> Parser::parseItems()
{
    std::vector<Projection> items;
    do {
        Projection item;
        item.expr = parseOr();
        if (atKeyword(u"as")) {
            advance();
            item.name = parseAlias(item.aliasSpan);
            item.aliased = true;
        }
        items.push_back(std::move(item));
    } while (at(TokenKind::Comma) && (advance(), true));
    return items;
}

QString Parser::parseAlias(SourceSpan& span)
{
    const Token& token = current();
    if ((token.kind != TokenKind::Identifier && token.kind != TokenKind::QuotedName) || isReservedWord(token)) {
        failAt(token, u"expected a name after `as`, found "_s + describe(token));
    }
    span = token.span;
    return advance().text;
}

Expr Parser::parseNameReference()
{
    const Token& token = current();
    if ((token.kind != TokenKind::Identifier && token.kind != TokenKind::QuotedName) || isReservedWord(token)) {
        failAt(token, u"expected a field name, found "_s + describe(token));
    }
    if (token.kind == TokenKind::Identifier && lookahead().kind == TokenKind::LeftParen) {
        failAt(token, u"expected a field name, found a function call; name it first with `fields … as name`"_s);
    }
    if (token.kind == TokenKind::Identifier) {
        refuseBareHyphenatedName(token);
    }
    Expr e;
    e.kind = ExprKind::Name;
    e.span = token.span;
    e.name = token.text;
    e.quotedName = token.kind == TokenKind::QuotedName;
    advance();
    return e;
}

void Parser::refuseBareHyphenatedName(const Token& first) const
{
    // `log-status` without backquotes is `log - status` in Logs Insights. When the pieces, written
    // without spaces, spell an AWS field name, say how to write it instead of "unknown field `log`".
    QString joined = first.text;
    SourceSpan span = first.span;
    std::optional<FieldId> found;
    SourceSpan foundSpan;
    for (std::size_t i = m_pos + 1; i + 1 < m_tokens.size(); i += 2) {
        const Token& minus = m_tokens[i];
        const Token& part = m_tokens[i + 1];
        if (minus.kind != TokenKind::Minus || minus.spaceBefore || part.spaceBefore
            || (part.kind != TokenKind::Identifier && part.kind != TokenKind::Integer)) {
            break;
        }
        joined += u'-' + m_text.sliced(part.span.offset, part.span.length);
        span = SourceSpan::cover(span, part.span);
        if (auto id = fieldByAwsName(joined.toLower().toStdString())) {
            found = id;
            foundSpan = span;
        }
    }
    if (found) {
        const FieldInfo& info = fieldInfo(*found);
        failAt(foundSpan,
            u"a bare `-` means minus: write this field as "_s + QString::fromUtf8(info.insightsName)
                + u" or in backquotes, `"_s + QString::fromUtf8(info.awsName) + u"`"_s);
    }
}

Parser::NestingGuard::NestingGuard(Parser& parser)
    : m_parser(parser)
{
    if (++m_parser.m_nesting > kMaxNesting) {
        m_parser.failAt(m_parser.current(), u"the expression is nested too deeply"_s);
    }
}

Parser::NestingGuard::~NestingGuard()
{
    --m_parser.m_nesting;
}

void Parser::enterChainLink()
{
    // Each link of a + b + c … makes the tree one level deeper, like a pair of parentheses.
    if (++m_nesting > kMaxNesting) {
        failAt(current(), u"the expression is nested too deeply"_s);
    }
}

void Parser::checkTreeDepth(const Expr& root) const
{
    // Long chains such as a + b + c + … nest without recursing here, but the binder and the
    // printers recurse over the tree: refuse trees deeper than the parser would have allowed.
    std::vector<std::pair<const Expr*, int>> pending { { &root, 1 } };
    while (!pending.empty()) {
        const auto [e, depth] = pending.back();
        pending.pop_back();
        if (depth > kMaxNesting) {
            failAt(e->span, u"the expression is nested too deeply"_s);
        }
        for (const Expr& arg : e->args) {
            pending.emplace_back(&arg, depth + 1);
        }
    }
}

void Parser::checkCommandDepth(const Command& command) const
{
    // sort, dedup, display and limit hold names and numbers only.
    if (const auto* filter = std::get_if<FilterCommand>(&command)) {
        checkTreeDepth(filter->condition);
    } else if (const auto* fields = std::get_if<FieldsCommand>(&command)) {
        for (const Projection& item : fields->items) {
            checkTreeDepth(item.expr);
        }
    } else if (const auto* stats = std::get_if<StatsCommand>(&command)) {
        for (const auto* list : { &stats->aggregates, &stats->groupBy }) {
            for (const Projection& item : *list) {
                checkTreeDepth(item.expr);
            }
        }
    }
}

Expr Parser::parseOr()
{
    const NestingGuard guard(*this);
    const int nestingBefore = m_nesting;
    Expr lhs = parseAnd();
    while (atKeyword(u"or")) {
        advance();
        enterChainLink();
        lhs = makeBinary(BinaryOp::Or, std::move(lhs), parseAnd());
    }
    m_nesting = nestingBefore;
    return lhs;
}

Expr Parser::parseAnd()
{
    const int nestingBefore = m_nesting;
    Expr lhs = parseNot();
    while (atKeyword(u"and")) {
        advance();
        enterChainLink();
        lhs = makeBinary(BinaryOp::And, std::move(lhs), parseNot());
    }
    m_nesting = nestingBefore;
    return lhs;
}

Expr Parser::parseNot()
{
    if (!atKeyword(u"not")) {
        return parseComparison();
    }
    const NestingGuard guard(*this);
    const SourceSpan start = advance().span;
    Expr e;
    e.kind = ExprKind::Unary;
    e.unaryOp = UnaryOp::Not;
    e.args.push_back(parseNot());
    e.span = SourceSpan::cover(start, e.args[0].span);
    return e;
}

Expr Parser::parseComparison()
{
    Expr lhs = parseSum();
    if (auto op = comparisonOp(current().kind)) {
        advance();
        Expr result = makeBinary(*op, std::move(lhs), parseSum());
        if (comparisonOp(current().kind)) {
            failAt(current(), u"comparisons cannot be chained; combine them with `and`"_s);
        }
        return result;
    }
    const SourceSpan start = lhs.span;
    bool negated = false;
    if (atKeyword(u"not")) {
        const Token& next = lookahead();
        if (next.kind != TokenKind::Identifier || (!equalsWord(next.text, u"in") && !equalsWord(next.text, u"like"))) {
            failAt(next, u"expected `in` or `like` after `not`, found "_s + describe(next));
        }
        negated = true;
        advance();
    }
    if (atKeyword(u"in")) {
        advance();
        return parseList(std::move(lhs), negated, start);
    }
    if (atKeyword(u"like")) {
        advance();
        return parseLike(std::move(lhs), negated, false);
    }
    if (at(TokenKind::RegexMatch)) {
        advance();
        return parseLike(std::move(lhs), false, true);
    }
    return lhs;
}

Expr Parser::parseList(Expr needle, bool negated, SourceSpan start)
{
    Expr e;
    e.kind = ExprKind::In;
    e.negated = negated;
    e.args.push_back(std::move(needle));
    expect(TokenKind::LeftBracket, u"`[` to open the list after `in`");
    if (at(TokenKind::RightBracket)) {
        failAt(current(), u"the list after `in` is empty"_s);
    }
    do {
        Expr item = parseUnary();
        if (item.kind != ExprKind::Literal || std::holds_alternative<Period>(item.literal)) {
            failAt(item.span, u"list items must be numbers or quoted strings"_s);
        }
        e.args.push_back(std::move(item));
    } while (at(TokenKind::Comma) && (advance(), true));
    e.span = SourceSpan::cover(start, expect(TokenKind::RightBracket, u"`,` or `]`").span);
    return e;
}

Expr Parser::parseLike(Expr subject, bool negated, bool regexOperator)
{
    const Token& pattern = current();
    Expr e;
    e.kind = ExprKind::Like;
    e.negated = negated;
    Literal value;
    if (pattern.kind == TokenKind::Regex) {
        value = regexFromToken(pattern);
    } else if (pattern.kind == TokenKind::String) {
        // `like "x"` looks for a substring; `=~ "x"` reads the string as a regular expression.
        if (regexOperator) {
            value = RegexPattern { pattern.text };
        } else {
            value = pattern.text;
        }
    } else {
        failAt(pattern,
            (regexOperator ? u"`=~` needs a /regex/ or a quoted string, found "_s
                           : u"`like` needs a quoted string or a /regex/, found "_s)
                + describe(pattern));
    }
    e.span = SourceSpan::cover(subject.span, pattern.span);
    e.args.push_back(std::move(subject));
    e.args.push_back(makeLiteral(pattern.span, std::move(value)));
    advance();
    return e;
}

Expr Parser::parseSum()
{
    const int nestingBefore = m_nesting;
    Expr lhs = parseProduct();
    while (at(TokenKind::Plus) || at(TokenKind::Minus)) {
        const BinaryOp op = at(TokenKind::Plus) ? BinaryOp::Add : BinaryOp::Subtract;
        advance();
        enterChainLink();
        lhs = makeBinary(op, std::move(lhs), parseProduct());
    }
    m_nesting = nestingBefore;
    return lhs;
}

Expr Parser::parseProduct()
{
    const int nestingBefore = m_nesting;
    Expr lhs = parseUnary();
    while (at(TokenKind::Star) || at(TokenKind::Slash) || at(TokenKind::Percent)) {
        const BinaryOp op = at(TokenKind::Star) ? BinaryOp::Multiply
            : at(TokenKind::Slash)              ? BinaryOp::Divide
                                                : BinaryOp::Modulo;
        advance();
        enterChainLink();
        lhs = makeBinary(op, std::move(lhs), parseUnary());
    }
    m_nesting = nestingBefore;
    return lhs;
}

Expr Parser::parseUnary()
{
    if (!at(TokenKind::Minus)) {
        return parsePower();
    }
    const NestingGuard guard(*this);
    const SourceSpan start = advance().span;
    Expr operand = parseUnary();
    const SourceSpan span = SourceSpan::cover(start, operand.span);
    // Fold `-5` into a literal so lists and comparisons see a plain number.
    if (operand.kind == ExprKind::Literal) {
        if (const auto* i = std::get_if<std::int64_t>(&operand.literal)) {
            return makeLiteral(span, -*i);
        }
        if (const auto* d = std::get_if<double>(&operand.literal)) {
            return makeLiteral(span, -*d);
        }
    }
    Expr e;
    e.kind = ExprKind::Unary;
    e.unaryOp = UnaryOp::Negate;
    e.span = span;
    e.args.push_back(std::move(operand));
    return e;
}

Expr Parser::parsePower()
{
    Expr base = parsePrimary();
    if (!at(TokenKind::Caret)) {
        return base;
    }
    advance();
    return makeBinary(BinaryOp::Power, std::move(base), parseUnary());
}

Expr Parser::parsePrimary()
{
    const Token& token = current();
    switch (token.kind) {
    case TokenKind::Integer:
        advance();
        return makeLiteral(token.span, token.integer);
    case TokenKind::Float:
        advance();
        return makeLiteral(token.span, token.number);
    case TokenKind::String:
        advance();
        return makeLiteral(token.span, token.text);
    case TokenKind::Period:
        advance();
        return makeLiteral(token.span, token.period);
    case TokenKind::LeftParen: {
        advance();
        Expr inner = parseOr();
        expect(TokenKind::RightParen, u"`)`");
        return inner;
    }
    case TokenKind::Identifier:
        if (lookahead().kind == TokenKind::LeftParen && !isReservedWord(token)) {
            advance();
            return parseCall(token);
        }
        [[fallthrough]];
    case TokenKind::QuotedName:
        return parseNameReference();
    default:
        failAt(token, u"expected an expression, found "_s + describe(token));
    }
}

Expr Parser::parseCall(const Token& nameToken)
{
    Expr e;
    e.kind = ExprKind::Call;
    e.name = nameToken.text;
    advance(); // (
    if (at(TokenKind::Star) && lookahead().kind == TokenKind::RightParen) {
        // count(*): the same as count()
        if (!equalsWord(nameToken.text, u"count")) {
            failAt(current(), u"`*` is only allowed in count(*)"_s);
        }
        advance();
    } else if (!at(TokenKind::RightParen)) {
        do {
            e.args.push_back(parseOr());
        } while (at(TokenKind::Comma) && (advance(), true));
    }
    e.span = SourceSpan::cover(nameToken.span, expect(TokenKind::RightParen, u"`,` or `)`").span);
    return e;
}

} // namespace flowlens::query
