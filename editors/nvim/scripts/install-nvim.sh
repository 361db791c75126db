#!/usr/bin/env bash
# Installs Neovim 0.10 (Debian trixie's packages) into a private folder,
# without touching the system's apt sources, apt state or dpkg database.
#
#   editors/nvim/scripts/install-nvim.sh [DEST]
#
# DEST defaults to editors/nvim/.nvim (git-ignored).  Afterwards run Neovim
# as DEST/nvim: a wrapper that sets VIMRUNTIME and LUA_CPATH into DEST and
# starts DEST's nvim, whose ELF interpreter and rpath are patched (patchelf)
# to DEST's own dynamic loader and libraries. Patched, not started through
# the loader: Neovim's terminal UI starts its server as `v:progpath --embed`,
# and through the loader v:progpath would be the loader itself ("nvim:
# unrecognized option '--embed'"). The interpreter path is absolute: a moved
# DEST no longer runs, and is reinstalled on the next run of this script.
#
# Needs: apt-get, dpkg, patchelf (editors/setup.sh installs it).
#
# Environment:
#   NVIM_DEBIAN_SUITE   Debian suite to take the packages from (default trixie)
#   NVIM_DEBIAN_MIRROR  Debian mirror URL (default: the one the system's apt uses)
#   NVIM_DEBIAN_PACKAGES  space-separated .debs to fetch instead of trixie's set
#                       (another suite's neovim has other library packages)
#   NVIM_FORCE=1        reinstall even if DEST already holds a working nvim
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=${1:-"$script_dir/../.nvim"}
suite=${NVIM_DEBIAN_SUITE:-trixie}
packages=(
  neovim neovim-runtime libc6 libluajit-5.1-2 libuv1t64 libvterm0
  libtree-sitter0.22 libmsgpack-c2 libunibilium4 lua-lpeg lua-luv libgcc-s1
)
if [[ -n ${NVIM_DEBIAN_PACKAGES:-} ]]; then
  read -r -a packages <<<"$NVIM_DEBIAN_PACKAGES"
fi

log() { printf 'install-nvim: %s\n' "$*" >&2; }

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

# Bump when the layout below changes, so old installs are redone.
stamp_content="install-nvim 3 $suite"
command -v patchelf >/dev/null || { log "patchelf not found (apt-get install patchelf, or run editors/setup.sh)"; exit 1; }
if [[ -x "$dest/nvim" && "${NVIM_FORCE:-0}" != 1 ]]; then
  if [[ "$(cat "$dest/.installed" 2>/dev/null)" == "$stamp_content" ]] \
     && version=$("$dest/nvim" --version 2>/dev/null | head -n 1) && [[ $version == NVIM* ]]; then
    log "already installed: $version ($dest/nvim)"
    exit 0
  fi
  log "existing $dest/nvim is out of date or does not run; reinstalling"
fi
rm -f "$dest/.installed"

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

mirror=${NVIM_DEBIAN_MIRROR:-$(find_mirror || true)}
if [[ -z $mirror ]]; then
  log "could not find the Debian mirror in /etc/apt/sources.list*; set NVIM_DEBIAN_MIRROR"
  exit 1
fi
mirror=${mirror%/}
log "using $mirror $suite"

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || { log "missing $keyring (package debian-archive-keyring)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/install-nvim.XXXXXX")
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
log "apt-get download ${packages[*]}"
(cd "$work/debs" && apt-get -q download "${packages[@]}") >"$work/download.log" 2>&1 \
  || { cat "$work/download.log" >&2; exit 1; }

rm -rf "$dest/root"
mkdir -p "$dest/root"
for deb in "$work"/debs/*.deb; do
  log "unpacking $(basename "$deb")"
  dpkg -x "$deb" "$dest/root"
done

root="$dest/root"
ld=""
for cand in "$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$root/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$root/usr/lib64/ld-linux-x86-64.so.2"; do
  if [[ -e $cand ]]; then ld=$cand; break; fi
done
[[ -n $ld ]] || { log "ld-linux-x86-64.so.2 not found in the unpacked libc6"; exit 1; }
[[ -x $root/usr/bin/nvim ]] || { log "usr/bin/nvim not found in the unpacked neovim"; exit 1; }
runtime="$root/usr/share/nvim/runtime"
[[ -d $runtime ]] || { log "$runtime not found (neovim-runtime)"; exit 1; }

# Neovim finds tree-sitter parsers (markdown is needed to show LSP hovers) as
# parser/*.so on 'runtimepath'. Debian's build looks in /usr/lib/nvim, which
# is outside DEST; expose them inside VIMRUNTIME instead.
if [[ -d $root/usr/lib/nvim/parser && ! -e $runtime/parser ]]; then
  ln -s ../../../lib/nvim/parser "$runtime/parser"
fi

# The binary runs on its own: DEST's loader as its interpreter, DEST's
# libraries on its rpath (DT_RPATH, which also serves the Lua modules it
# dlopens), so v:progpath is nvim itself and the TUI can start `--embed`.
patchelf --set-interpreter "$ld" --force-rpath \
  --set-rpath "$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu" "$root/usr/bin/nvim"
cat > "$dest/nvim" <<WRAP
#!/bin/sh
# Generated by editors/nvim/scripts/install-nvim.sh: Debian $suite's Neovim,
# patched to its own loader and libraries; this sets its runtime paths.
here=\$(cd "\$(dirname "\$0")" && pwd)
root="\$here/root"
export VIMRUNTIME="\$root/usr/share/nvim/runtime"
lua_cpath="\$root/usr/lib/x86_64-linux-gnu/lua/5.1/?.so"
export LUA_CPATH="\$lua_cpath;\${LUA_CPATH:-;}"
exec "\$root/usr/bin/nvim" "\$@"
WRAP
chmod +x "$dest/nvim"

if ! version=$("$dest/nvim" --version | head -n 1); then
  log "installed nvim does not run"
  exit 1
fi
# Smoke test: Lua, lpeg, luv and the markdown parser load.
check='lua local ok = pcall(vim.treesitter.language.add, "markdown") and vim.lpeg ~= nil and vim.uv ~= nil; if not ok then vim.cmd("cquit 1") end'
if ! "$dest/nvim" --headless --clean -c "$check" -c 'qall!' </dev/null; then
  log "installed nvim failed its smoke test (lua / lpeg / luv / markdown parser)"
  exit 1
fi
echo "$stamp_content" > "$dest/.installed"
log "installed $version at $dest/nvim"
