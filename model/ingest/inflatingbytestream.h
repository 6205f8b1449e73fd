#pragma once

#include "ingest/bytestream.h"
#include "ingest/filebytestream.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace flowlens {

// What both gzip backends share: reading the compressed file in large blocks, walking from one gzip
// member to the next (skipping zero padding), and turning a cut-off or damaged stream into one
// error sentence after the good bytes before it. A backend only inflates.
class InflatingByteStream : public ByteStream {
public:
    static constexpr std::size_t DefaultInputBufferSize = std::size_t { 512 } * 1024;

    ReadResult read(char* buffer, std::size_t capacity) final;
    std::uint64_t sourceBytesRead() const final { return m_source->sourceBytesRead(); }
    std::uint64_t sourceBytesTotal() const final { return m_source->sourceBytesTotal(); }

protected:
    // The stream of compressed bytes; it must start with a gzip member. `inputBufferSize` is how much
    // compressed data is read from the file at once (tests use tiny sizes to cross every boundary).
    InflatingByteStream(std::unique_ptr<FileByteStream> source, std::size_t inputBufferSize);

    enum class StepStatus {
        Progress, // keep going
        MemberEnd, // the member ended and its trailer checked out
        Corrupt, // the data is damaged; `message` says how
    };
    struct Step {
        std::size_t consumed = 0; // bytes taken from the input given to inflate()
        std::size_t produced = 0; // bytes written to the output
        // Of the consumed bytes, how many the backend holds unused (bit buffer). On MemberEnd they go
        // back to the input; on Corrupt they are not counted in the offset. At most 8.
        std::size_t heldBack = 0;
        StepStatus status = StepStatus::Progress;
        std::string message; // zlib-style reason when Corrupt
        // Where the damage is relative to the consumed bytes (negative: that many bytes before the end
        // of the consumed, not-held-back input); lets a checksum error point at the checksum field.
        std::ptrdiff_t offsetAdjust = 0;
    };

    // Starts a new member (the first one as well).
    virtual void beginMember() = 0;
    // Inflates what it can of `input` into `output`. `input` may be empty (to drain pending output).
    // The 8 bytes before `input` are always the compressed bytes that came just before it (or zeros
    // at the very start), so a backend can look back at a gzip trailer it has consumed.
    virtual Step inflate(
        const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize)
        = 0;
    static constexpr std::size_t LookBack = 8;

private:
    enum class Phase { InMember, BetweenMembers, Finished };

    bool fillInput();
    std::uint64_t positionOf(std::size_t bufferIndex) const;
    void failCorrupt(std::uint64_t offset, const std::string& reason);

    std::unique_ptr<FileByteStream> m_source;
    // [0, LookBack) keeps the last bytes of the previous fill so that held-back bytes can be returned.
    std::vector<unsigned char> m_input;
    std::size_t m_pos = LookBack; // next unread byte
    std::size_t m_end = LookBack; // end of valid bytes
    std::uint64_t m_endFileOffset = 0; // file offset of m_input[m_end]
    bool m_sourceDone = false;
    std::string m_sourceError; // a read error of the file, reported once its good bytes are inflated
    bool m_memberBegun = false;
    Phase m_phase = Phase::InMember;
    std::string m_error; // sticky once set
};

} // namespace flowlens
