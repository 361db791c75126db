#!/usr/bin/env bash
# Neovim as a person uses it: the real terminal UI in tmux (send-keys,
# capture-pane), with the plugin's setup{}. It must start (not exit with
# "unrecognized option '--embed'"), show the contradicted figure and the code
# lens, and refresh the lens by itself after an edit changes the verdicts.
#
#   editors/nvim/test/tui.sh
#
# Environment: SOURCECHECK_BIN, SOURCECHECK_SEEDS, NVIM as for run.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=$(cd "$here/.." && pwd)
repo=$(cd "$plugin/../.." && pwd)
bin=${SOURCECHECK_BIN:-$repo/target/debug/sourcecheck}
seeds=${SOURCECHECK_SEEDS:-$repo/seeds}
if [[ -z ${NVIM:-} ]]; then
  if [[ -x $plugin/.nvim/nvim ]]; then NVIM=$plugin/.nvim/nvim; else NVIM=$(command -v nvim || true); fi
fi
[[ -n $NVIM ]] || { echo "nvim tui test: no Neovim found (bash editors/setup.sh)" >&2; exit 2; }
command -v tmux >/dev/null || { echo "nvim tui test: tmux not found (bash editors/setup.sh)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sourcecheck-tui.XXXXXX")
socket=sourcecheck-tui-$$
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ws=$work/workspace
mkdir -p "$ws"
cp -r "$seeds" "$ws/seeds"
cat > "$ws/notes.md" <<'NOTE'
# Foreign fighters: working notes

The coalition says more than 5,000 militants remain in Iraq and Syria.

At its peak, ISIS was thought to have more than 45,000 fighters in the region.
NOTE
rtp=$work/plugin
mkdir -p "$rtp"
cp -r "$plugin/lua" "$plugin/lsp" "$plugin/doc" "$rtp/"
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data \
       XDG_STATE_HOME=$work/xdg/state XDG_CACHE_HOME=$work/xdg/cache LANG=C.UTF-8

passed=0 failed=0
check() { # check NAME COND...
  local name=$1; shift
  if "$@"; then echo "ok   - $name"; passed=$((passed + 1)); else echo "FAIL - $name"; failed=$((failed + 1)); fi
}
screen() { tmux -L "$socket" capture-pane -p -t tui 2>/dev/null || true; }
# wait_for SECONDS GREP-PATTERN: the screen shows it within the time
wait_for() {
  local until=$((SECONDS + $1))
  while ((SECONDS < until)); do
    screen | grep -qE -- "$2" && return 0
    sleep 0.3
  done
  return 1
}

cd "$ws"
tmux -L "$socket" -f /dev/null new-session -d -x 180 -y 24 -s tui \
  "'$NVIM' --clean --cmd 'set rtp^=$rtp' --cmd 'filetype on' \
     -c \"lua require('sourcecheck').setup({ path = '$bin' })\" notes.md; echo \"nvim exited \$?\" > '$work/exit'; sleep 30"
echo "== nvim tui: $("$NVIM" --version | head -n 1), tmux $(tmux -V)"

check "the terminal UI starts and shows the note" wait_for 15 'working notes'
check "no '--embed' failure" bash -c "! test -e '$work/exit'"
check "the contradicted figure's diagnostic is shown" wait_for 60 'Contradicted: 004 says less than 1,000'
check "the code lens is shown on the first line" wait_for 30 'working notes.*2 figures: 1 supported . 1 contradicted . 0 unsourced'
# an edit that makes the figure supported: the lens follows with no refresh by hand
tmux -L "$socket" send-keys -t tui ':%s/more than 5,000/fewer than 1,000/' Enter
check "after the edit the code lens refreshes by itself" \
  wait_for 30 'working notes.*2 figures: 2 supported . 0 contradicted . 0 unsourced'
check "and the contradiction is gone" bash -c "! tmux -L '$socket' capture-pane -p -t tui | grep -q 'Contradicted:'"
tmux -L "$socket" send-keys -t tui Escape ':qa!' Enter
until=$((SECONDS + 10)); while ((SECONDS < until)) && [[ ! -e $work/exit ]]; do sleep 0.2; done
check ":qa! leaves Neovim with status 0" grep -qx 'nvim exited 0' "$work/exit"
if ((failed)); then
  echo "--- screen:"; screen
fi
echo "nvim tui: $passed passed, $failed failed"
((failed == 0))
