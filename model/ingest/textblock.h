#pragma once

#include "blockbuffer.h"
#include "schema/recordformat.h"
#include "store/ids.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace flowlens {

// A run of complete record lines of one source, all in one format, handed from a SourceReader to
// a parser thread. Line numbers are exact: blank lines stay in the text, header lines never do
// (a header ends a block). Blocks of one buffer share it.
struct TextBlock {
    SourceId source;
    std::shared_ptr<const RecordFormat> format;
    std::shared_ptr<const BlockBuffer> buffer;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::uint64_t firstLine = 1;
    // JSON containers: per line, the event's timestamp (kNull when none) and log stream (an index
    // into streams, or -1).
    std::vector<std::int64_t> timestamps;
    std::vector<std::int32_t> streamIndex;
    std::vector<std::string> streams;
    // Lines a container could not unwrap (index within the block, reason); their text is empty.
    std::vector<std::pair<std::uint32_t, std::string>> lineErrors;

    std::size_t size() const { return end - begin; }
};

} // namespace flowlens
