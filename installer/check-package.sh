#!/usr/bin/env bash
# Builds the Debian package of a configured, built tree with CPack and checks it:
# control fields, runtime Depends (against the libraries the binaries really load), contents,
# permissions, desktop file, AppStream metainfo, icon, and that the packaged binaries run.
#
#   bash installer/check-package.sh BUILD_DIR [EXPECTED_VERSION]
#
# BUILD_DIR must have didymos and didymos-cli built. EXPECTED_VERSION defaults to the version
# in BUILD_DIR/CPackConfig.cmake (ctest passes PROJECT_VERSION). Environment: CPACK (the cpack
# executable, default: cpack on PATH). The package and a log are left in
# BUILD_DIR/Testing/PackageDeb. Exit status: 0 all checks passed, 1 a check failed.
# Registered with ctest as PackageDeb (label integration) by tests/integration/CMakeLists.txt.
set -uo pipefail

app_id=org.didymos.Didymos
failures=0

ok() { echo "  ok    $*"; }
fail() {
    echo "  FAIL  $*" >&2
    failures=$((failures + 1))
}
die() {
    echo "check-package.sh: error: $*" >&2
    exit 1
}

[ $# -ge 1 ] || die "usage: check-package.sh BUILD_DIR [EXPECTED_VERSION]"
[ -d "$1" ] || die "no build directory $1"
build=$(cd "$1" && pwd)
config="$build/CPackConfig.cmake"
[ -f "$config" ] || die "$config missing: configure the tree first (installer/CMakeLists.txt includes CPack)"
version=${2:-$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$config")}
[ -n "$version" ] || die "no expected version given and none found in $config"
cpack=${CPACK:-cpack}

need_tool() {  # tool, Debian package providing it
    command -v "$1" > /dev/null || die "$1 not found: install the Debian package $2 (see installer/debian-packages.txt)"
}
need_tool "$cpack" cmake
need_tool dpkg-deb dpkg
need_tool dpkg-shlibdeps dpkg-dev
need_tool readelf binutils
need_tool desktop-file-validate desktop-file-utils
need_tool appstreamcli appstream
for exe in didymos didymos-cli; do
    [ -x "$build/bin/$exe" ] || die "$build/bin/$exe is not built: build the targets didymos and didymos-cli first"
done

arch=$(dpkg --print-architecture)
out="$build/Testing/PackageDeb"
rm -rf "$out"
mkdir -p "$out"

# --- Build the package ---------------------------------------------------------------------------
echo "== cpack -G DEB (log: $out/cpack.log)"
if ! "$cpack" -G DEB --config "$config" -B "$out" > "$out/cpack.log" 2>&1; then
    cat "$out/cpack.log" >&2
    die "cpack -G DEB failed (log above)"
fi
deb="$out/didymos_${version}_${arch}.deb"
if [ ! -f "$deb" ]; then
    cat "$out/cpack.log" >&2
    die "cpack did not produce $(basename "$deb"); it produced: $(cd "$out" && ls -- *.deb 2> /dev/null | tr '\n' ' ')"
fi
echo "   $deb ($(du -h "$deb" | cut -f1))"

# --- Control fields ------------------------------------------------------------------------------
echo "== Control fields"
field() { dpkg-deb -f "$deb" "$1" 2> /dev/null; }
expect_field() {  # field, expected value
    local value
    value=$(field "$1")
    if [ "$value" = "$2" ]; then ok "$1: $value"; else fail "$1 is '$value', expected '$2'"; fi
}
expect_field Package didymos
expect_field Version "$version"
expect_field Architecture "$arch"
expect_field Section science
expect_field Priority optional
maintainer=$(field Maintainer)
if [[ "$maintainer" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]]; then ok "Maintainer: $maintainer"; else fail "Maintainer '$maintainer' is not 'Name <email>'"; fi
description=$(field Description)
synopsis=$(head -n 1 <<< "$description")
if [ -n "$synopsis" ] && [ "$(wc -l <<< "$description")" -gt 1 ]; then
    ok "Description: $synopsis (+ $(($(wc -l <<< "$description") - 1)) lines)"
else
    fail "Description needs a synopsis line and a long description, got: '$description'"
fi

depends=$(field Depends)
recommends=$(field Recommends)
echo "   Depends: $depends"
echo "   Recommends: $recommends"
# Package names named by Depends (alternatives split, version constraints and :arch dropped).
mapfile -t depends_names < <(tr ',|' '\n\n' <<< "$depends" | sed -e 's/(.*)//' -e 's/:.*//' -e 's/[[:space:]]//g' | awk 'NF')
depends_on() {  # regex matching a whole package name
    local name
    for name in "${depends_names[@]}"; do
        [[ "$name" =~ ^($1)$ ]] && return 0
    done
    return 1
}
for wanted in libc6 'libstdc\+\+6' libqt6core6 libqt6gui6 libqt6widgets6 libqt6openglwidgets6 \
    'libvtk9(\.[0-9]+)?' 'libdcmtk[0-9]+' qt6-qpa-plugins; do
    if depends_on "$wanted"; then ok "Depends names ${wanted//\\/}"; else fail "Depends lacks ${wanted//\\/} (Depends: $depends)"; fi
done
if [[ "$recommends" == *libgl1-mesa-dri* ]]; then ok "Recommends names libgl1-mesa-dri"; else fail "Recommends lacks libgl1-mesa-dri"; fi

# --- Contents and permissions --------------------------------------------------------------------
echo "== Contents"
dpkg-deb -c "$deb" > "$out/contents.txt" || die "dpkg-deb -c failed on $deb"
has_entry() {  # mode regex, path
    awk -v mode="$1" -v path="$2" '$1 ~ "^" mode "$" && $6 == path { found = 1 } END { exit !found }' "$out/contents.txt"
}
expect_entry() {  # mode regex, path, what
    if has_entry "$1" "$2"; then ok "$2"; else
        if awk -v path="$2" '$6 == path { found = 1 } END { exit !found }' "$out/contents.txt"; then
            fail "$2 has mode $(awk -v path="$2" '$6 == path { print $1 }' "$out/contents.txt"), expected $1 ($3)"
        else
            fail "$2 missing from the package ($3)"
        fi
    fi
}
expect_entry -rwxr-xr-x ./usr/bin/didymos "the GUI"
expect_entry -rwxr-xr-x ./usr/bin/didymos-cli "the command-line tool"
expect_entry -rw-r--r-- "./usr/share/applications/$app_id.desktop" "desktop entry"
expect_entry -rw-r--r-- "./usr/share/icons/hicolor/scalable/apps/$app_id.svg" "application icon"
expect_entry -rw-r--r-- "./usr/share/metainfo/$app_id.metainfo.xml" "AppStream metainfo"
expect_entry -rw-r--r-- ./usr/share/doc/didymos/copyright "licence"
not_root=$(awk '$2 != "root/root"' "$out/contents.txt")
if [ -z "$not_root" ]; then ok "every entry is owned by root/root"; else fail "entries not owned by root/root:"$'\n'"$not_root"; fi
outside=$(awk '$6 != "./" && $6 != "./usr/" && $6 !~ /^\.\/usr\/(bin|lib|share)\//' "$out/contents.txt")
if [ -z "$outside" ]; then ok "everything lies under /usr/{bin,lib,share}"; else fail "entries outside /usr/{bin,lib,share}:"$'\n'"$outside"; fi
writable=$(awk '$1 ~ /^.....w|^........w/' "$out/contents.txt")
if [ -z "$writable" ]; then ok "nothing group- or world-writable"; else fail "group- or world-writable entries:"$'\n'"$writable"; fi

root="$out/root"
dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x failed on $deb"

# --- Binaries: stripped, no build-tree RPATH, every library they need is in Depends -------------
echo "== Binaries"
mapfile -t elves < <(find "$root" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \; | sort)
for elf in "${elves[@]}"; do
    rel=${elf#"$root"}
    rpath=$(readelf -d "$elf" | grep -E '\((RPATH|RUNPATH)\)')
    if [ -z "$rpath" ]; then ok "$rel has no RPATH/RUNPATH"; else fail "$rel has $(sed 's/.*\(R[A-Z]*PATH\)/\1/' <<< "$rpath")"; fi
    if readelf -S "$elf" | grep -q '\.symtab'; then fail "$rel is not stripped"; else ok "$rel is stripped"; fi
    # Each NEEDED library, resolved as the dynamic loader resolves it, must come from a package
    # that Depends names: that is what "correct runtime Depends" means.
    mapfile -t needed < <(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    resolved=$(env -u LD_LIBRARY_PATH ldd "$elf" 2> /dev/null)
    missing_packages=""
    for soname in "${needed[@]}"; do
        path=$(awk -v so="$soname" '$1 == so && $2 == "=>" { print $3 }' <<< "$resolved")
        # The dynamic loader itself (NEEDED when a library asks for it, e.g. via TLS
        # descriptors) appears in ldd's output as its absolute path, without "=>".
        if [ -z "$path" ]; then
            path=$(awk -v so="$soname" '$1 ~ ("/" so "$") { print $1 }' <<< "$resolved")
        fi
        if [ -z "$path" ] || [ "$path" = "not" ]; then
            fail "$rel needs $soname, which is not installed on this system"
            continue
        fi
        owner=""
        for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr${path}"; do
            owner=$(dpkg -S "$candidate" 2> /dev/null | grep -v '^diversion' | head -n 1 | sed 's/:[[:space:]].*//; s/:[a-z0-9]*$//; s/,.*//')
            [ -n "$owner" ] && break
        done
        if [ -z "$owner" ]; then
            fail "$rel needs $soname ($path), which no Debian package owns"
        elif ! depends_on "${owner//+/\\+}"; then
            missing_packages+=" $owner($soname)"
        fi
    done
    if [ -z "$missing_packages" ]; then
        ok "$rel: the packages of its ${#needed[@]} NEEDED libraries are all in Depends"
    else
        fail "$rel needs libraries from packages Depends does not name:$missing_packages"
    fi
done
[ ${#elves[@]} -ge 2 ] || fail "expected at least 2 ELF files in the package, found ${#elves[@]}"

run_packaged() {  # what, expected output regex, command...
    local what=$1 regex=$2 output status
    shift 2
    output=$(env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen timeout 60 "$@" 2>&1)
    status=$?
    if [ $status -eq 0 ] && grep -Eq "$regex" <<< "$output"; then
        ok "$what: $(head -n 1 <<< "$output")"
    else
        fail "$what exited with $status; expected output matching '$regex', got:"$'\n'"$output"
    fi
}
run_packaged "usr/bin/didymos-cli --version" "^didymos-cli ${version//./\\.}\$" "$root/usr/bin/didymos-cli" --version
run_packaged "usr/bin/didymos --help" "didymos" "$root/usr/bin/didymos" --help

# --- Desktop integration ---------------------------------------------------------------------------
echo "== Desktop integration"
desktop="$root/usr/share/applications/$app_id.desktop"
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
icon="$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
if [ -f "$desktop" ]; then
    if report=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$report" ]; then
        ok "desktop-file-validate: no issues"
    else
        fail "desktop-file-validate on $app_id.desktop:"$'\n'"$report"
    fi
    exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)
    exec_binary=${exec_line%% *}
    if [ -x "$root/usr/bin/$exec_binary" ]; then ok "Exec=$exec_line runs a packaged binary"; else fail "Exec=$exec_line: no usr/bin/$exec_binary in the package"; fi
    icon_name=$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)
    if [ "$icon_name" = "$app_id" ]; then ok "Icon=$icon_name"; else fail "Icon=$icon_name, expected $app_id (the installed icon's name)"; fi
fi
if [ -f "$metainfo" ]; then
    report=$(appstreamcli validate --no-net --pedantic "$metainfo" 2>&1)
    status=$?
    # Errors and warnings fail; infos and pedantic hints (e.g. the upper-case letters of the
    # reverse-DNS id, which the desktop-file spec wants) are reported only.
    if [ $status -eq 0 ] && ! grep -Eq '^[EW]:' <<< "$report"; then
        ok "appstreamcli validate: $(tail -n 1 <<< "$report" | sed 's/^[^A-Za-z]*//')"
    else
        fail "appstreamcli validate (exit $status) on $app_id.metainfo.xml:"$'\n'"$report"
    fi
    metainfo_value() { sed -n "s:.*<$1>\\(.*\\)</$1>.*:\\1:p" "$metainfo" | head -n 1; }
    metainfo_id=$(metainfo_value id)
    if [ "$metainfo_id" = "$app_id" ]; then ok "metainfo id $metainfo_id"; else fail "metainfo id is '$metainfo_id', expected $app_id"; fi
    launchable=$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo" | head -n 1)
    if [ "$launchable" = "$app_id.desktop" ]; then ok "metainfo launchable $launchable"; else fail "metainfo launchable is '$launchable', expected $app_id.desktop"; fi
    license=$(metainfo_value project_license)
    if [ "$license" = "Apache-2.0" ]; then ok "metainfo project_license $license"; else fail "metainfo project_license is '$license', expected Apache-2.0"; fi
    release=$(sed -n 's:.*<release [^>]*version="\([^"]*\)".*:\1:p' "$metainfo" | head -n 1)
    if [ "$release" = "$version" ]; then ok "metainfo newest release $release"; else fail "metainfo's newest <release> is '$release', expected $version: add a release entry to installer/$app_id.metainfo.xml"; fi
fi
if [ -f "$icon" ]; then
    if command -v xmllint > /dev/null && ! xmllint --noout "$icon" 2> "$out/icon-xmllint.txt"; then
        fail "icon is not well-formed XML:"$'\n'"$(cat "$out/icon-xmllint.txt")"
    elif grep -q '<svg[[:space:]]' "$icon" && grep -q 'viewBox=' "$icon"; then
        ok "icon is an SVG with a viewBox"
    else
        fail "icon $app_id.svg is not an SVG with a viewBox"
    fi
fi
copyright="$root/usr/share/doc/didymos/copyright"
if [ -f "$copyright" ] && grep -q '^License: Apache-2.0' "$copyright"; then ok "copyright names Apache-2.0"; else fail "usr/share/doc/didymos/copyright missing or without 'License: Apache-2.0'"; fi

echo
if [ $failures -ne 0 ]; then
    echo "check-package.sh: $failures check(s) FAILED for $(basename "$deb") (package and log in $out)" >&2
    exit 1
fi
echo "check-package.sh: all checks passed for $(basename "$deb")"
