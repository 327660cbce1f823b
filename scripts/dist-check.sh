#!/usr/bin/env bash
# Checks what `make static`, `make install` and `make deb` produce, the way a machine without Swift would use them:
#   1. the static binary links no library from the Swift toolchain (ldd, RUNPATH) and loads none while it runs
#      (LD_DEBUG=files also shows what dlopen loads);
#   2. with the toolchain's library directory and the repository's Sources hidden (as root: a private mount namespace
#      with an empty directory bind-mounted over each) and an empty environment, `--version`, `check` and `build` work, and `build` writes
#      exactly the committed example outputs;
#   3. `make install DESTDIR=… PREFIX=…` puts a working binary in $DESTDIR$PREFIX/bin;
#   4. the .deb declares every library the binary names (each NEEDED entry's ldd path mapped to its package with
#      dpkg -S) and the OWASP Core Rule Set it reads at run time (modsecurity-crs), and, as root, installs with
#      apt-get, runs from /usr/bin (a replay with the OWASP Core Ruleset on included), and is removed again, leaving
#      the installed packages as they were.
# Usage: scripts/dist-check.sh STATIC_BINARY DEB
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 STATIC_BINARY DEB" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=$(readlink -f "$1")
deb=$(readlink -f "$2")
example=$repo/examples/agenticverz/edge.yaml
committed_out=$repo/examples/agenticverz/out
work=$(mktemp -d)
installed_here=""
cleanup() {
  if [ -n "$installed_here" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq $installed_here >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# Installed packages, one "name:arch version" a line.
installed_packages() {
  dpkg-query -W -f '${Package}:${Architecture} ${Version} ${Status}\n' | sed -n 's/ install ok installed$//p' |
    LC_ALL=C sort
}
fail() { echo "dist-check: $*" >&2; exit 1; }

# The toolchain's runtime libraries live in <prefix>/lib/swift/linux next to <prefix>/bin/swift, whether the
# toolchain is in /opt/swift/usr or in /usr (the swift container images).
swift_bin=$(readlink -f "$(command -v swift)") || fail "swift is not on the PATH, so the toolchain cannot be located"
toolchain_lib=$(cd "$(dirname "$swift_bin")/../lib/swift" && pwd)
runtime_names='libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime|libXCTest|libTesting'
echo "toolchain runtime: $toolchain_lib"
expected_version=$(sed -n 's/^ *version: "\(.*\)",$/\1/p' "$repo/Sources/EdgeProofCLI/EdgeProof.swift")
[ -n "$expected_version" ] || fail "no version: \"…\" line in Sources/EdgeProofCLI/EdgeProof.swift"

echo "== 1. what $binary links"
ldd "$binary" | tee "$work/ldd"
if grep -E "$runtime_names|$toolchain_lib|not found" "$work/ldd"; then
  fail "the lines above come from the Swift toolchain or are missing: build with --static-swift-stdlib"
fi
if readelf -d "$binary" | grep -E 'RPATH|RUNPATH' | grep -F "$toolchain_lib"; then
  fail "the binary's RUNPATH names the toolchain"
fi

echo "== 2. run with the toolchain hidden and an empty environment"
if [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; then
  mkdir "$work/empty"
  # The sources are hidden too: the templates must come from inside the binary.
  hide=(unshare --mount sh -c 'mount --bind "$0" "$1" && mount --bind "$0" "$2" && shift 2 && exec "$@"'
    "$work/empty" "$toolchain_lib" "$repo/Sources")
  "${hide[@]}" test ! -e "$toolchain_lib/linux" -a ! -e "$repo/Sources/Emitters" ||
    fail "bind-mounting an empty directory over $toolchain_lib and $repo/Sources failed"
  echo "hidden: $toolchain_lib and $repo/Sources (private mount namespace)"
else
  hide=()
  echo "note: not root or no unshare, so $toolchain_lib stays visible; the environment is still emptied"
fi
# Runs a command with an empty environment (and the toolchain hidden when possible), logging every object it loads.
hidden() {
  "${hide[@]}" env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= LD_DEBUG=files LD_DEBUG_OUTPUT="$work/loaded" "$@"
}
cd "$work"
version=$(hidden "$binary" --version)
[ "$version" = "$expected_version" ] || fail "--version printed '$version', the sources say '$expected_version'"
hidden "$binary" check "$example" > "$work/check.txt" || fail "check of the example failed: $(cat check.txt)"
hidden "$binary" build "$example" -o "$work/out" >/dev/null || fail "build of the example failed"
diff -r "$committed_out" "$work/out" || fail "the static binary's build differs from $committed_out"
if grep -h -e 'file=' -e 'calling init:' "$work"/loaded.* | grep -E "$runtime_names|$toolchain_lib"; then
  fail "the binary loaded the libraries above from the toolchain while it ran"
fi
echo "ok: --version ($version), check and build (identical to the committed outputs); loaded at run time:"
sed -n 's/.*calling init: //p' "$work"/loaded.* | LC_ALL=C sort -u | sed 's/^/  /'

echo "== 3. make install DESTDIR=… PREFIX=/opt/edgeproof"
make -s -C "$repo" install DESTDIR="$work/destdir" PREFIX=/opt/edgeproof >/dev/null
installed=$work/destdir/opt/edgeproof/bin/edgeproof
[ -x "$installed" ] || fail "make install did not write $installed"
(cd "$work/destdir" && find . -type f) | grep -qvx './opt/edgeproof/bin/edgeproof' && fail "make install wrote more"
[ "$(hidden "$installed" --version)" = "$expected_version" ] || fail "the installed binary does not run"
echo "ok: $installed"

echo "== 4. $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{print "  " $1, $2, $6}'
depends=$(dpkg-deb --field "$deb" Depends)
[ "$(dpkg-deb --field "$deb" Version)" = "$expected_version" ] || fail "the package's Version is not $expected_version"
# Every library the binary itself names (NEEDED, as the dynamic loader resolves it in the ldd output) must belong to a
# package the Depends field names (an independent reading of what dpkg-shlibdeps generated); the libraries those
# pull in are their packages' own Depends. Merged-/usr systems list a file under /usr/lib or /lib, so both spellings
# are tried.
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || fail "readelf lists no NEEDED library in $binary"
for name in $needed; do
  library=$(awk -v name="$name" '$1 == name && $2 == "=>" {print $3}' "$work/ldd")
  [ -n "$library" ] || continue  # the loader itself (ld-linux) and the vDSO have no "=>" path
  owner=""
  for path in "$library" "$(readlink -f "$library")" "/usr$library" "${library#/usr}"; do
    owner=$(dpkg -S "$path" 2>/dev/null | head -n1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  [ -n "$owner" ] || fail "no package owns $library"
  echo "$depends" | tr ',|' '\n\n' | sed 's/^ *//; s/[ :].*//' | grep -qx "$owner" ||
    fail "$library belongs to $owner, which Depends ($depends) does not name"
  echo "  $library: $owner"
done

echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//' | grep -qx modsecurity-crs ||
  fail "Depends ($depends) does not name modsecurity-crs, the OWASP Core Rule Set the binary reads at run time"
echo "  the OWASP Core Rule Set: modsecurity-crs"

# The package's layout, when lintian is installed: libyaml is inside Yams (linked statically) and there is no man page.
if command -v lintian >/dev/null; then
  lintian --fail-on error,warning --suppress-tags embedded-library,no-manual-page "$deb" ||
    fail "lintian reports the tags above"
  echo "ok: lintian reports nothing beyond the embedded libyaml and the missing man page"
else
  echo "note: lintian is not installed, so the package's layout is not linted (apt-get install lintian)"
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "note: not root, so the package is not installed (apt-get install needs root)"
  exit 0
fi
if installed_packages | grep -q '^edgeproof:'; then
  fail "edgeproof is already installed; remove it first (apt-get remove edgeproof) so the check can restore the system"
fi
installed_packages > "$work/packages-before"
installed_here=edgeproof
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "apt-get install failed"; }
installed_packages > "$work/packages-installed"
pulled=$(comm -13 "$work/packages-before" "$work/packages-installed" | cut -d: -f1 | grep -vx edgeproof || true)
installed_here="edgeproof $pulled"
[ "$(hidden sh -c 'command -v edgeproof')" = /usr/bin/edgeproof ] || fail "edgeproof is not /usr/bin/edgeproof"
[ "$(hidden edgeproof --version)" = "$expected_version" ] || fail "/usr/bin/edgeproof --version failed"
hidden edgeproof check "$example" >/dev/null || fail "/usr/bin/edgeproof check of the example failed"
# The example deploys the OWASP Core Ruleset: a SQL injection probe must reach libmodsecurity and the installed CRS.
printf '%s\n' '{"ts":"2026-01-01T00:00:00Z","method":"GET","host":"api.agenticverz.com","path":"/v1/incidents",'\
'"query":"q=1%27%20UNION%20SELECT%20password%20FROM%20users--","ip":"100.64.1.9","ua":"Mozilla/5.0"}' \
  > "$work/probe.jsonl"
hidden edgeproof replay "$example" --trace "$work/probe.jsonl" --decisions "$work/probe-decisions.jsonl" \
  >/dev/null 2>"$work/probe.err" || fail "/usr/bin/edgeproof replay of a probe failed: $(cat "$work/probe.err")"
grep -q '"owasp":{"scores":\[[1-9]' "$work/probe-decisions.jsonl" ||
  fail "the probe's decision carries no OWASP score: $(cat "$work/probe-decisions.jsonl")"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq $installed_here >/dev/null 2>&1 || fail "apt-get remove failed"
installed_here=""
installed_packages > "$work/packages-after"
diff "$work/packages-before" "$work/packages-after" || fail "the installed packages differ from before (above)"
[ ! -e /usr/bin/edgeproof ] || fail "/usr/bin/edgeproof is still there after apt-get remove"
echo "ok: installed with apt-get (also pulled in: ${pulled:-nothing}), ran from /usr/bin (check, and a replay scored by"
echo "    the OWASP Core Rule Set), removed; packages as before"
