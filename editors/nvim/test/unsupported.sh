#!/usr/bin/env bash
# Checks that require('sourcecheck').setup{} on a Neovim older than 0.8
# (e.g. Debian 12's 0.7.2 from `apt-get install neovim`) refuses with a clear
# error naming the version, instead of a stack trace.
#
#   NVIM_OLD=/usr/bin/nvim editors/nvim/test/unsupported.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=$(cd "$here/.." && pwd)
nvim=${NVIM_OLD:-/usr/bin/nvim}
[[ -x $nvim ]] || { echo "unsupported test: $nvim not found" >&2; exit 2; }
version=$("$nvim" --version | head -n 1)
echo "== nvim: $version, setup() must refuse"
work=$(mktemp -d "${TMPDIR:-/tmp}/sourcecheck-nvim-old.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
rc=0
timeout 60 "$nvim" --headless --clean -n --cmd "set runtimepath^=$plugin" \
  -c "lua local ok, r = pcall(require('sourcecheck').setup, {}); io.stdout:write('setup returned ' .. tostring(ok) .. ' ' .. tostring(r) .. '\n')" \
  -c 'qall!' >"$work/out" 2>"$work/err" </dev/null || rc=$?
cat "$work/out"; echo "stderr: $(cat "$work/err")"
pass=0 fail=0
expect() { if eval "$2"; then echo "ok   - $1"; pass=$((pass+1)); else echo "FAIL - $1"; fail=$((fail+1)); fi; }
short=$(sed -E 's/^NVIM v([0-9]+\.[0-9]+\.[0-9]+).*/\1/' <<<"$version")
expect "nvim exited cleanly (rc $rc)" '[[ $rc -eq 0 ]]'
expect "setup{} returned false without raising" 'grep -q "setup returned true false" "$work/out"'
expect "error says the version $short is not supported and names 0.8" \
  'grep -q "Neovim $short is not supported" "$work/err" && grep -q "0\.8 or newer" "$work/err"'
expect "no Lua stack trace" '! grep -q "stack traceback" "$work/err"'
echo "nvim-unsupported: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
