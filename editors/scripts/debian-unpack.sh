#!/usr/bin/env bash
# Unpacks Debian packages of another suite into a private folder, without
# touching the system's apt sources, apt state or dpkg database, and patches
# the binaries named with --patch to run from there.
#
#   editors/scripts/debian-unpack.sh SUITE ROOT [--depends] [--patch PATH]... PACKAGE...
#
# ROOT is emptied, then holds the packages' files (ROOT/usr/bin/...). With
# --depends the packages named are taken with everything they depend on, as
# apt resolves it on an empty system (no recommends): for a suite whose
# library packages change names (sid). Each
# --patch PATH (relative to ROOT) gets ROOT's own dynamic loader as its ELF
# interpreter and ROOT's libraries as its rpath (DT_RPATH, which also serves
# what it dlopens), so it runs as itself: started through the loader instead,
# a program that starts itself again (Neovim's `v:progpath --embed`) would
# start the loader. The interpreter path is absolute: a moved ROOT no longer
# runs.
#
# Needs: apt-get, dpkg, patchelf (editors/setup.sh installs them), the
# debian-archive-keyring.
#
# Environment:
#   DEBIAN_MIRROR  Debian mirror URL (default: the one the system's apt uses)
set -euo pipefail

log() { printf '%s: %s\n' "${DEBIAN_UNPACK_LOG:-debian-unpack}" "$*" >&2; }

(($# >= 3)) || { log "usage: debian-unpack.sh SUITE ROOT [--patch PATH]... PACKAGE..."; exit 2; }
suite=$1 root=$2
shift 2
patch=() depends=""
while [[ ${1:-} == --patch || ${1:-} == --depends ]]; do
  if [[ $1 == --depends ]]; then depends=1; shift; continue; fi
  patch+=("$2")
  shift 2
done
packages=("$@")
((${#packages[@]})) || { log "no packages named"; exit 2; }
command -v patchelf >/dev/null || { log "patchelf not found (apt-get install patchelf, or run editors/setup.sh)"; exit 1; }
mkdir -p "$root"
root=$(cd "$root" && pwd)

# The Debian mirror the system's apt already uses (first URI serving the
# system's own release, not -security / -updates / third-party suites).
find_mirror() {
  local codename
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  local files=()
  [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
  local f
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] && files+=("$f")
  done
  ((${#files[@]})) || return 1
  awk -v codename="$codename" '
    function emit(uris, suites,   u, s, nu, ns, i, j) {
      if (done) return
      nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
      for (j = 1; j <= ns; j++) if (s[j] == codename || codename == "")
        for (i = 1; i <= nu; i++) if (u[i] ~ /^(https?|ftp):\/\//) { print u[i]; done = 1; return }
    }
    function flush() { if (uris != "") emit(uris, suites); uris = ""; suites = "" }
    FNR == 1 { flush() }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[ \t]*$/) { flush(); next }
      if ($0 ~ /^URIs:/)   { uris = $0;   sub(/^URIs:[ \t]*/, "", uris) }
      if ($0 ~ /^Suites:/) { suites = $0; sub(/^Suites:[ \t]*/, "", suites) }
      next
    }
    /^[ \t]*deb[ \t]/ {
      line = $0; sub(/^[ \t]*deb[ \t]+/, "", line)
      if (line ~ /^\[/) sub(/^\[[^]]*\][ \t]*/, "", line)
      split(line, f, /[ \t]+/)
      emit(f[1], f[2])
    }
    END { flush() }
' "${files[@]}" | head -n 1
}

mirror=${DEBIAN_MIRROR:-$(find_mirror || true)}
if [[ -z $mirror ]]; then
  log "could not find the Debian mirror in /etc/apt/sources.list*; set DEBIAN_MIRROR"
  exit 1
fi
mirror=${mirror%/}
log "using $mirror $suite"

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || { log "missing $keyring (package debian-archive-keyring)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/debian-unpack.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/sources.list.d" "$work/etc/preferences.d" \
         "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs"
: > "$work/state/status"
echo "deb [signed-by=$keyring] $mirror $suite main" > "$work/etc/sources.list"
cat > "$work/apt.conf" <<CONF
Dir::Etc::sourcelist "$work/etc/sources.list";
Dir::Etc::sourceparts "$work/etc/sources.list.d";
Dir::Etc::preferences "$work/etc/preferences";
Dir::Etc::preferencesparts "$work/etc/preferences.d";
Dir::State "$work/state";
Dir::State::lists "$work/state/lists";
Dir::State::status "$work/state/status";
Dir::Cache "$work/cache";
Dir::Cache::archives "$work/cache/archives";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
Acquire::Languages "none";
Debug::NoLocking "true";
CONF
export APT_CONFIG="$work/apt.conf"

log "apt-get update (private lists in $work)"
apt-get -q update >"$work/update.log" 2>&1 || { cat "$work/update.log" >&2; exit 1; }
if [[ -n $depends ]]; then
  resolved=$(apt-get -s -q --no-install-recommends install "${packages[@]}" 2>"$work/resolve.log" | awk '$1 == "Inst" { print $2 }') \
    || { cat "$work/resolve.log" >&2; exit 1; }
  [[ -n $resolved ]] || { log "apt resolved nothing for ${packages[*]}"; cat "$work/resolve.log" >&2; exit 1; }
  read -r -d '' -a packages <<<"$resolved" || true
fi
log "apt-get download ${packages[*]}"
(cd "$work/debs" && apt-get -q download "${packages[@]}") >"$work/download.log" 2>&1 \
  || { cat "$work/download.log" >&2; exit 1; }

rm -rf "$root"
mkdir -p "$root"
for deb in "$work"/debs/*.deb; do
  log "unpacking $(basename "$deb")"
  dpkg -x "$deb" "$root"
done


ld=""
for cand in "$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$root/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$root/usr/lib64/ld-linux-x86-64.so.2"; do
  if [[ -e $cand ]]; then ld=$cand; break; fi
done
((${#patch[@]} == 0)) || [[ -n $ld ]] || { log "ld-linux-x86-64.so.2 not found in the unpacked libc6"; exit 1; }
for p in "${patch[@]}"; do
  [[ -f $root/$p ]] || { log "$p not found in the unpacked packages"; exit 1; }
  patchelf --set-interpreter "$ld" --force-rpath \
    --set-rpath "$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu" "$root/$p"
done
