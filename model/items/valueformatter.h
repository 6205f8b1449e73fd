#pragma once

#include "store/flowstore.h"

#include <QString>

namespace flowlens {

// How cells read: the toggles of the View menu.
struct DisplayOptions {
    bool localTime = false; // times in the local zone instead of UTC
    bool protocolNames = true; // 6 → TCP
    bool byteUnits = true; // 1536 → 1.5 KiB
    bool operator==(const DisplayOptions&) const = default;
};

// Formats a store value for people. raw text ("-" for null) is what the record had.
class ValueFormatter {
public:
    static QString format(const FlowStore& store, FieldId field, std::int64_t value, const DisplayOptions& options);
    static QString raw(const FlowStore& store, FieldId field, std::int64_t value);
    static QString protocolName(std::int64_t protocol); // empty when not a well-known number
    static QString time(std::int64_t epochSeconds, bool local);
    static QString bytes(std::uint64_t bytes);
    static QString tcpFlags(std::int64_t flags);
    static bool isTimeField(FieldId field);
};

} // namespace flowlens
