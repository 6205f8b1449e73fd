#!/usr/bin/env bash
# GUI benchmark (not run by ctest): opens N flow-log records (default 10M) in the real FlowLens
# window, offscreen, and reports time to first rows, load time, the longest GUI-thread stall while
# loading, a filter change reaching table + chart + panes, a sort by bytes, and peak memory, next
# to the targets of issue 4. See README.md beside this file.
#
# usage: tests/benchmarks/gui-benchmark.sh [--build-dir DIR] [--data-dir DIR] [--records N] [--fresh]
#                                          [--screenshot FILE]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bench_name=gui-benchmark
bench_help=2,8p
screenshot=
# shellcheck source=bench-common.sh source-path=SCRIPTDIR
. "$here/bench-common.sh"
bench_option() {
    case $1 in
    --screenshot) screenshot=${2:?--screenshot takes a file}; bench_taken=2 ;;
    esac
}
bench_parse_args "$@"
bench_find_build app/flowlens-cli tests/benchmarks/flowlens-gui-benchmark
driver=$build_dir/tests/benchmarks/flowlens-gui-benchmark

# The same file the ingest benchmark uses, generated once and reused.
data=$data_dir/flowlogs-v2-$records-seed1.log
bench_generate "$data"
cat "$data" >/dev/null # into the page cache: the load measures FlowLens, not the disk

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
json=$(QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$driver" ${screenshot:+--screenshot "$screenshot"} "$data")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$json"

# A table of the figures against the targets.
get() { echo "$json" | sed -n "s/.*\"$1\":\([-0-9.e+]*\).*/\1/p"; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "NOT MET") }'; }
row() { printf '%-42s %11s %11s %8s  %s\n' "$1" "$2" "$3" "$4" "$5"; }
echo
echo "FlowLens window, $(get records) records ($build_type build, $(nproc) cores)"
echo "load average before: $load_before, after: $load_after"
echo "(wall: elapsed time; GUI CPU: the GUI thread's own CPU time, which other load on the machine does not inflate)"
row "figure (ms)" "wall" "GUI CPU" "target" ""
row "time to first rows shown" "$(get first_rows_ms)" "" "" ""
row "load, all records read" "$(get load_ms)" "" "" ""
row "load, panes show the full result" "$(get load_ready_ms)" "$(get load_gui_cpu_ms)" "" ""
row "load, statistics tab shown too" "$(get load_statistics_ms)" "" "" ""
row "load, findings shown too" "$(get load_findings_ms)" "" "" ""
row "  longest GUI stall during load" "$(get load_max_stall_ms)" "$(get load_max_stall_cpu_ms)" "50" "$(verdict "$(get load_max_stall_ms)" 50)"
# Each filter change: the panes (table, timeline, REJECT pane, facets), then the statistics tab
# shown (Top talkers), then the findings, each a step of its own. "cached": shown from the window's
# kept results, nothing computed (a filter seen before); the others are computed afresh.
filter_rows() { # name label
    local cached=""
    [ "$(echo "$json" | sed -n "s/.*\"$1_cached\":\(true\|false\).*/\1/p")" = true ] && cached=" (cached)"
    row "$2$cached -> panes" "$(get "$1_ms")" "$(get "$1_gui_cpu_ms")" "250" "$(verdict "$(get "$1_ms")" 250)"
    row "  statistics tab shown too" "$(get "$1_statistics_ms")" "" "" ""
    row "  findings shown too" "$(get "$1_findings_ms")" "" "" ""
    row "  longest stall meanwhile" "$(get "$1_max_stall_ms")" "$(get "$1_max_stall_cpu_ms")" "50" \
        "$(verdict "$(get "$1_max_stall_ms")" 50)"
}
filter_rows filter_reject "filter REJECT only"
filter_rows filter_all "filter back to all"
filter_rows filter_accept "filter ACCEPT only"
filter_rows filter_expression "filter typed: bytes > 1000"
row "Conversations tab shown -> its statistics" "$(get conversations_tab_ms)" "$(get conversations_tab_gui_cpu_ms)" "" ""
filter_rows filter_reset "filter reset to all"
row "sort by bytes" "$(get sort_ms)" "$(get sort_gui_cpu_ms)" "1500" "$(verdict "$(get sort_ms)" 1500)"
row "  longest stall meanwhile" "$(get sort_max_stall_ms)" "$(get sort_max_stall_cpu_ms)" "50" "$(verdict "$(get sort_max_stall_ms)" 50)"
printf '%-42s %11s\n' "peak RSS (MB)" "$(get peak_rss_mb)"
