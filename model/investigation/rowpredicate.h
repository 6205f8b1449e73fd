#pragma once

#include "store/selection.h"

#include <QString>
#include <cstddef>

namespace flowlens {

// A compiled filter expression: the hook through which the query engine plugs into the filter
// state. evaluate() narrows the rows already selected in chunk `c` (clear the bits of rows that do
// not match and fix `rows.count`); it is called from several threads at once, one chunk each.
class RowPredicate {
public:
    virtual ~RowPredicate() = default;
    virtual void narrow(const FlowStore::Snapshot& snapshot, std::size_t c, Selection::ChunkRows& rows) const = 0;
    virtual QString text() const = 0; // the expression as typed
};

} // namespace flowlens
