#pragma once

#include "store/flowstore.h"

#include <atomic>
#include <optional>
#include <vector>

namespace flowlens {

// Orders rows of a snapshot by one field the way a user reads it: numbers numerically, strings
// alphabetically, addresses by address (IPv4 before IPv6), '-' first (last when descending). Ties
// keep row order, whatever the direction and the order `rows` come in. Runs on the calling thread
// and as many more as there are cores; returns nullopt when `cancel` became true meanwhile.
std::optional<std::vector<RowId>> sortRows(const FlowStore& store, const FlowStore::Snapshot& snapshot,
    const std::vector<RowId>& rows, FieldId field, bool descending, const std::atomic<bool>* cancel = nullptr);

} // namespace flowlens
