#pragma once

#include "store/flowstore.h"

#include <atomic>
#include <optional>
#include <vector>

namespace flowlens {

// Orders rows of a snapshot by one field the way a user reads it: numbers numerically, strings
// alphabetically, addresses by address (IPv4 before IPv6), '-' first. Ties keep row order. Runs
// on a worker thread; returns nullopt when `cancel` became true meanwhile.
std::optional<std::vector<RowId>> sortRows(const FlowStore& store, const FlowStore::Snapshot& snapshot,
    std::vector<RowId> rows, FieldId field, bool descending, const std::atomic<bool>* cancel = nullptr);

} // namespace flowlens
