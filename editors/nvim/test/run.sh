#!/usr/bin/env bash
# End-to-end test of the Neovim integration against the real server.
#
#   editors/nvim/test/run.sh
#
# Environment:
#   SOURCECHECK_BIN    server binary (default: <repo>/target/debug/sourcecheck)
#   SOURCECHECK_SEEDS  source articles to copy into the test workspace (default: <repo>/seeds)
#   NVIM               Neovim >= 0.8 to use (default: editors/nvim/.nvim/nvim from
#                      scripts/install-nvim.sh, else nvim on PATH)
#   SOURCECHECK_MODES  which integrations to test (default: "setup config")
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=$(cd "$here/.." && pwd)
repo=$(cd "$plugin/../.." && pwd)
bin=${SOURCECHECK_BIN:-$repo/target/debug/sourcecheck}
seeds=${SOURCECHECK_SEEDS:-$repo/seeds}

if [[ -z ${NVIM:-} ]]; then
  if [[ -x $plugin/.nvim/nvim ]]; then NVIM=$plugin/.nvim/nvim; else NVIM=$(command -v nvim || true); fi
fi
[[ -n $NVIM ]] || { echo "nvim test: no Neovim found (run editors/nvim/scripts/install-nvim.sh)" >&2; exit 2; }
if [[ $bin != */* ]]; then bin=$(command -v "$bin" || echo "$bin"); fi
[[ -x $bin ]] || { echo "nvim test: server binary $bin not found (set SOURCECHECK_BIN)" >&2; exit 2; }
[[ -d $seeds ]] || { echo "nvim test: seeds folder $seeds not found" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sourcecheck-nvim.XXXXXX")
trap 'rm -rf "$work"' EXIT
ws=$work/workspace
mkdir -p "$ws"
cp -r "$seeds" "$ws/seeds"
cat > "$ws/notes.md" <<'NOTE'
# Foreign fighters: working notes

The coalition says more than 5,000 militants remain in Iraq and Syria.

At its peak, ISIS was thought to have more than 45,000 fighters in the region.
NOTE

# The plugin as a user installs it (lua/, lsp/, doc/ + generated help tags).
rtp=$work/plugin
mkdir -p "$rtp"
cp -r "$plugin/lua" "$plugin/lsp" "$plugin/doc" "$rtp/"
"$NVIM" --headless --clean -n -c "helptags $rtp/doc" -c 'qall!' </dev/null

status=0
for mode in ${SOURCECHECK_MODES:-setup config}; do
  echo "== nvim: $($NVIM --version | head -n 1), mode $mode"
  # A private XDG home so nothing of the user's config, data or state is read.
  export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data \
         XDG_STATE_HOME=$work/xdg/state XDG_CACHE_HOME=$work/xdg/cache
  rc=0
  (cd "$ws" && SOURCECHECK_BIN=$bin SOURCECHECK_NOTE=$ws/notes.md SOURCECHECK_MODE=$mode \
    timeout 300 "$NVIM" --headless --clean -n \
      --cmd "set runtimepath^=$rtp" --cmd 'filetype on' \
      -c "luafile $here/sourcecheck_test.lua") </dev/null || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "nvim test ($mode) FAILED (exit $rc)"
    if [[ -f $work/xdg/state/nvim/lsp.log ]]; then
      echo "--- lsp.log (last 40 lines)"; tail -n 40 "$work/xdg/state/nvim/lsp.log"
    fi
    status=1
  fi
done
exit $status
