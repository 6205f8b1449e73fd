#!/usr/bin/env bash
# The newcomer path on a fresh Debian 12 machine: install the Debian packages that are missing,
# configure, build, then start FlowLens or run the tests. Safe to run again: it installs nothing
# that is already there and rebuilds only what changed.
#   packaging/bootstrap.sh run                build flowlens and flowlens-cli (`release` preset), start the GUI
#   packaging/bootstrap.sh test [CTEST-ARG]   build the `ci` preset (-Werror), run `ctest --preset ci`
# FLOWLENS_JOBS sets the build's and ctest's parallelism (default: every core).
set -Eeuo pipefail

started=$SECONDS
step_started=$SECONDS
current_step="starting"
trap 'printf "\nbootstrap: FAILED while %s (exit status %d, after %s)\n" "$current_step" $? "$(elapsed "$started")" >&2' ERR

elapsed() {
    local s=$((SECONDS - $1))
    printf '%dm%02ds' $((s / 60)) $((s % 60))
}
step() {
    printf '\n==> [%s] %s\n' "$(elapsed "$started")" "$*"
    current_step=$*
    step_started=$SECONDS
}
say() { printf '    %s\n' "$*"; }
die() {
    printf 'bootstrap: error: %s\n' "$*" >&2
    exit 1
}

usage() {
    cat <<'EOF'
Usage: packaging/bootstrap.sh run|test [CTEST-ARGS...]
  run   install what is missing, build the release preset, start FlowLens on its bundled sample
  test  install what is missing (test tools too), build the ci preset, run ctest --preset ci
EOF
}

# Debian 12 package names (the real ones: dpkg-query does not see virtual names such as
# libqt6svg6-dev, which qt6-svg-dev provides). qt6-base-dev brings Core, Gui, Widgets, Network,
# Concurrent, PrintSupport and Test, and depends on libgl-dev, which Qt6Gui's CMake files need.
build_packages=(build-essential cmake ninja-build pkg-config qt6-base-dev qt6-charts-dev qt6-svg-dev zlib1g-dev)
# ISA-L's inflate reads .gz faster; the build uses zlib alone when it is absent.
optional_packages=(libisal-dev)
# xvfb + xauth give xvfb-run; the validators and `file` (CPack's DEB generator uses it) back the
# packaging tests; poppler-utils (pdfinfo, pdftotext, pdffonts) reads the lab report's pages back;
# dpkg-dev (dpkg-shlibdeps) comes with build-essential.
test_packages=(xvfb xauth desktop-file-utils appstream file poppler-utils)

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

as_root() {
    if ((EUID == 0)); then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "not root and sudo is not installed: run this as root, or install sudo, so that it can run: $*"
    fi
}

apt_get() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q "$@"
}

install_missing() {
    step "checking Debian packages"
    command -v dpkg-query >/dev/null || die "dpkg-query not found: this script expects Debian 12"
    local missing=() optional=() package
    for package in "$@"; do
        is_installed "$package" || missing+=("$package")
    done
    for package in "${optional_packages[@]}"; do
        is_installed "$package" || optional+=("$package")
    done
    if ((${#missing[@]} == 0 && ${#optional[@]} == 0)); then
        say "all present: $* ${optional_packages[*]}"
        return
    fi
    say "missing: ${missing[*]} ${optional[*]}"
    step "updating the apt package lists"
    apt_get update
    for package in "${optional[@]}"; do
        if [[ -n "$(apt-cache policy "$package" 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" { print $2 }')" ]]; then
            missing+=("$package")
        else
            say "optional $package is not available here: building without it"
        fi
    done
    if ((${#missing[@]} > 0)); then
        step "installing: ${missing[*]}"
        apt_get install -y --no-install-recommends "${missing[@]}"
    fi
}

jobs=${FLOWLENS_JOBS:-$(nproc)}

# build PRESET [TARGET...]: configure and build PRESET (only TARGETs when given).
build() {
    local preset=$1 targets=()
    shift
    (($# == 0)) || targets=(--target "$@")
    step "configuring (cmake --preset $preset)"
    cmake --preset "$preset"
    step "building (cmake --build --preset $preset --parallel $jobs ${targets[*]})"
    cmake --build --preset "$preset" --parallel "$jobs" "${targets[@]}"
    say "build took $(elapsed "$step_started")"
}

have_display() {
    [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" || -n "${QT_QPA_PLATFORM:-}" ]]
}

run_gui() {
    local app=build/release/app/flowlens
    [[ -x "$app" ]] || die "the build finished but $app is missing"
    if ! have_display; then
        step "not starting $app: there is no display (DISPLAY and WAYLAND_DISPLAY are unset)"
        say "From a desktop session run:       packaging/bootstrap.sh run"
        say "Without one, give it a virtual X: xvfb-run -a -s '-screen 0 1600x1000x24' packaging/bootstrap.sh run"
        say "The command-line tool needs none:  build/release/app/flowlens-cli --help"
        say "(total $(elapsed "$started"))"
        exit 1
    fi
    step "starting $app (it opens the bundled sample; total so far $(elapsed "$started"))"
    exec "$app"
}

run_tests() {
    step "testing (ctest --preset ci --parallel $jobs $*)"
    local status=0
    # Each test sets QT_QPA_PLATFORM=offscreen itself; exporting it covers anything started outside.
    QT_QPA_PLATFORM=offscreen ctest --preset ci --parallel "$jobs" "$@" || status=$?
    step "done: ctest exited with $status (total $(elapsed "$started"))"
    exit "$status"
}

main() {
    local mode=${1:-}
    case "$mode" in
    run | test) shift ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        usage >&2
        exit 2
        ;;
    esac
    [[ "$mode" == test || $# -eq 0 ]] || die "'run' takes no arguments"

    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    printf 'FlowLens bootstrap (%s) in %s\n' "$mode" "$PWD"
    if [[ -r /etc/os-release ]] && ! grep -qx 'VERSION_ID="12"' /etc/os-release; then
        say "note: written for Debian 12; this system may name its packages differently"
    fi

    if [[ "$mode" == run ]]; then
        install_missing "${build_packages[@]}"
        build release flowlens flowlens-cli # the programs only: the tests are `test`'s business
        run_gui
    else
        install_missing "${build_packages[@]}" "${test_packages[@]}"
        build ci
        run_tests "$@"
    fi
}

main "$@"
