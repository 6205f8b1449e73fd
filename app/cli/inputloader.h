#pragma once

#include "ingest/loader.h"
#include "items/textescape.h" // appendJsonString, appendCsvField, for the commands that write them
#include "store/flowstore.h"

#include <QCommandLineParser>
#include <QStringList>
#include <memory>
#include <optional>

namespace flowlens::cli {

// The options every command that reads flow logs shares (--format, --inflate), and the loading
// itself with the messages the user sees on stderr.
class InputLoader {
public:
    static void addOptions(QCommandLineParser& parser);

    // Reads the options; on a usage error prints it and returns false (exit 2).
    bool configure(const QCommandLineParser& parser);
    // Only these fields get columns (the others are still checked); call before load().
    void keepOnly(const std::bitset<FieldCount>& fields) { m_options.fields = fields; }

    // Loads the paths into the store, reports every source's problems on stderr, and returns the
    // exit code that applies so far: ExitOk, or ExitNoInput when nothing could be read as flow logs.
    int load(const QStringList& paths);

    FlowStore& store() { return *m_store; }
    const LoadReport& report() const { return m_report; }

private:
    LoadOptions m_options;
    std::unique_ptr<FlowStore> m_store = std::make_unique<FlowStore>();
    LoadReport m_report;
};

} // namespace flowlens::cli
