# Sourced by gui-benchmark.sh and ingest-benchmark.sh: the options they share, the build to take
# the binaries from and the generated data file. Not run on its own.
#
# The script sets `bench_name` (for messages) and `bench_help` (the sed range of its header comment
# that --help prints) before sourcing this file; the defaults below can be overridden by the
# environment (FLOWLENS_BENCH_DATA, FLOWLENS_BUILD_DIR).

records=10000000
data_dir=${FLOWLENS_BENCH_DATA:-${TMPDIR:-/tmp}/flowlens-bench}
build_dir=${FLOWLENS_BUILD_DIR:-}
fresh=0

bench_die() {
    echo "$bench_name: $*" >&2
    exit 2
}

# bench_parse_args "$@": --build-dir, --data-dir, --records, --fresh and --help. Any other word is
# offered to the script's own `bench_option` function (when it has one), which sets `bench_taken`
# to the number of words it used, or leaves it 0 for an argument it does not know either.
bench_parse_args() {
    while [ $# -gt 0 ]; do
        case $1 in
        --build-dir) build_dir=${2:?--build-dir takes a folder}; shift 2 ;;
        --data-dir) data_dir=${2:?--data-dir takes a folder}; shift 2 ;;
        --records) records=${2:?--records takes a number}; shift 2 ;;
        --fresh) fresh=1; shift ;;
        -h | --help) sed -n "$bench_help" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *)
            bench_taken=0
            if declare -F bench_option >/dev/null; then
                bench_option "$@"
            fi
            [ "$bench_taken" -gt 0 ] || bench_die "unknown argument '$1' (try --help)"
            shift "$bench_taken"
            ;;
        esac
    done
    case $records in '' | *[!0-9]*) bench_die "--records takes a whole number, not '$records'" ;; esac
}

# bench_find_build FILE...: unless --build-dir chose one, the first of build/release, build/ci
# (also Release) and build/dev that has every FILE (paths inside the build folder). Sets build_dir
# (absolute) and build_type; says how to build them when no folder has them.
bench_find_build() {
    local preset file complete
    if [ -z "$build_dir" ]; then
        for preset in release ci dev; do
            complete=1
            for file in "$@"; do
                [ -x "$root/build/$preset/$file" ] || complete=0
            done
            if [ "$complete" = 1 ]; then
                build_dir=$root/build/$preset
                break
            fi
        done
    fi
    [ -n "$build_dir" ] || bench_die "no build has $*; build one first: cmake --preset release && \
cmake --build --preset release"
    for file in "$@"; do
        [ -x "$build_dir/$file" ] || bench_die "$build_dir lacks $file"
    done
    build_dir=$(cd "$build_dir" && pwd)
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
}

# bench_generate OUT [GENERATE OPTION...]: `records` v2 records with seed 1 into OUT, unless OUT is
# already there (and --fresh was not given); written to OUT.partial first so that an interrupted
# run never leaves a short file behind.
bench_generate() {
    local out=$1
    shift
    if [ "$fresh" = 0 ] && [ -s "$out" ]; then
        echo "reusing $out" >&2
        return
    fi
    echo "generating $records records into $out ..." >&2
    mkdir -p "$(dirname "$out")"
    "$build_dir/app/flowlens-cli" generate --records "$records" --seed 1 --format v2 "$@" --out "$out.partial" >&2
    mv "$out.partial" "$out"
}
