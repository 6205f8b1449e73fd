#!/usr/bin/env bash
# The newcomer path on a fresh Debian 12 machine: install what is missing, build, then run.
#   packaging/bootstrap.sh run         build the `dev` preset and start the GUI
#   packaging/bootstrap.sh test [ARG]  build the `ci` preset and run `ctest --preset ci [ARG...]`
# FLOWLENS_JOBS sets the build's parallelism (default: every core).
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
die() {
    printf 'bootstrap: %s\n' "$*" >&2
    exit 1
}

usage() {
    cat <<'EOF'
Usage: packaging/bootstrap.sh run|test [CTEST-ARGS...]
  run   install what is missing, build the dev preset, start the FlowLens window
  test  install what is missing (test tools too), build the ci preset, run ctest --preset ci
EOF
}

# Debian 12 package names. Qt6Svg/SvgWidgets come from qt6-svg-dev (libqt6svg6-dev is only a name
# it provides); Core, Gui, Widgets, Network, Concurrent, PrintSupport and Test come from qt6-base-dev;
# Qt6Gui's CMake config looks for OpenGL headers, hence libgl-dev.
build_packages=(g++ cmake ninja-build pkg-config qt6-base-dev qt6-charts-dev qt6-svg-dev libgl-dev zlib1g-dev)
# Faster inflate for .gz; the build falls back to zlib alone without it.
optional_packages=(libisal-dev)
# xvfb/xauth for `xvfb-run`; the validators and the .deb tools back the packaging tests.
test_packages=(xvfb xauth desktop-file-utils appstream dpkg-dev file)

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

as_root() {
    if ((EUID == 0)); then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "not root and no sudo: run as root, or install sudo, to do: $*"
    fi
}

apt_get() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q "$@"
}

install_missing() {
    command -v dpkg-query >/dev/null || die "dpkg-query not found: this script expects Debian 12"
    local missing=() optional=() package
    for package in "$@"; do
        is_installed "$package" || missing+=("$package")
    done
    for package in "${optional_packages[@]}"; do
        is_installed "$package" || optional+=("$package")
    done
    if ((${#missing[@]} == 0 && ${#optional[@]} == 0)); then
        say "Debian packages: all present"
        return
    fi
    say "updating the apt package lists"
    apt_get update
    for package in "${optional[@]}"; do
        if [[ -n "$(apt-cache policy "$package" 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" { print $2 }')" ]]; then
            missing+=("$package")
        else
            say "optional $package is not available: building without it"
        fi
    done
    if ((${#missing[@]} > 0)); then
        say "installing: ${missing[*]}"
        apt_get install -y --no-install-recommends "${missing[@]}"
    fi
}

build() {
    local preset=$1 jobs=${FLOWLENS_JOBS:-$(nproc)}
    say "configuring (preset $preset)"
    cmake --preset "$preset"
    say "building (preset $preset, $jobs jobs)"
    cmake --build --preset "$preset" --parallel "$jobs"
}

have_display() {
    [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" || -n "${QT_QPA_PLATFORM:-}" ]]
}

run_gui() {
    local app=build/dev/app/flowlens sample=resources/sample/flowlens-sample.log.gz
    local args=()
    [[ -f "$sample" ]] && args=("$sample")
    if ! have_display; then
        say "built $app, but there is no display to show its window on (DISPLAY and WAYLAND_DISPLAY are unset)"
        say "start it from a desktop session, or without one: xvfb-run -a packaging/bootstrap.sh run"
        say "the command-line tool needs no display: build/dev/app/flowlens-cli --help"
        return 0
    fi
    say "starting $app ${args[*]}"
    exec "$app" "${args[@]}"
}

main() {
    local mode=${1:-}
    case "$mode" in
    run | test) shift ;;
    -h | --help)
        usage
        return 0
        ;;
    *)
        usage >&2
        return 2
        ;;
    esac
    [[ "$mode" == test || $# -eq 0 ]] || die "'run' takes no arguments"

    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    say "FlowLens bootstrap ($mode) in $PWD"
    if [[ -r /etc/os-release ]] && ! grep -qx 'VERSION_ID="12"' /etc/os-release; then
        say "note: written for Debian 12; this system may name its packages differently"
    fi

    if [[ "$mode" == run ]]; then
        install_missing "${build_packages[@]}"
        build dev
        run_gui
    else
        install_missing "${build_packages[@]}" "${test_packages[@]}"
        build ci
        say "testing (ctest --preset ci)"
        exec ctest --preset ci "$@"
    fi
}

main "$@"
