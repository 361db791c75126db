#!/usr/bin/env bash
# Neovim as a person uses it: the real terminal UI in tmux (send-keys,
# capture-pane), with the plugin's setup{}. It must start (not exit with
# "unrecognized option '--embed'"), show the contradicted figure and the code
# lens, and refresh the lens by itself after an edit changes the verdicts.
# Diagnostics are shown as virtual text, as 0.10 does by default and 0.11+
# after vim.diagnostic.config({ virtual_text = true }) (the README says so).
#
#   editors/nvim/test/tui.sh
#
# Environment: SOURCECHECK_BIN, SOURCECHECK_SEEDS, NVIM as for run.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
source "$here/common.sh"
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
install_plugin "$rtp"
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data \
       XDG_STATE_HOME=$work/xdg/state XDG_CACHE_HOME=$work/xdg/cache LANG=C.UTF-8

session=tui
# shellcheck source=../../scripts/tmux-checks.sh
source "$repo/editors/scripts/tmux-checks.sh"

cd "$ws"
tmux -L "$socket" -f /dev/null new-session -d -x 180 -y 24 -s tui \
  "'$NVIM' --clean --cmd 'set rtp^=$rtp' --cmd 'filetype on' \
     -c \"lua vim.diagnostic.config({ virtual_text = true })\" \
     -c \"lua require('sourcecheck').setup({ path = '$bin' })\" notes.md; echo \"nvim exited \$?\" > '$work/exit'; sleep 30"
echo "== nvim tui: $("$NVIM" --version | head -n 1), tmux $(tmux -V)"

check "the terminal UI starts and shows the note" wait_for 15 'working notes'
check "no '--embed' failure" bash -c "! test -e '$work/exit'"
check "the contradicted figure's diagnostic is shown" wait_for 60 'Contradicted: 004 says less than 1,000'
# lens_on_first_line LENS-REGEX: the lens at the end of the first line (0.10)
# or on a virtual line just above it (0.12)
lens_on_first_line() {
  screen | awk -v lens="$1" '$0 ~ ("working notes.*" lens) || (prev ~ lens && /working notes/) { found = 1 } { prev = $0 }
    END { exit !found }'
}
check "the code lens is shown on the first line" \
  wait_until 30 lens_on_first_line '2 figures: 1 supported [^ ]+ 1 contradicted [^ ]+ 0 unsourced'
# an edit that makes the figure supported: the lens follows with no refresh by hand
tmux -L "$socket" send-keys -t tui ':%s/more than 5,000/fewer than 1,000/' Enter
check "after the edit the code lens refreshes by itself" \
  wait_until 30 lens_on_first_line '2 figures: 2 supported [^ ]+ 0 contradicted [^ ]+ 0 unsourced'
check "and the contradiction is gone" bash -c "! tmux -L '$socket' capture-pane -p -t tui | grep -q 'Contradicted:'"
tmux -L "$socket" send-keys -t tui Escape ':qa!' Enter
wait_file 10 "$work/exit" || true
check ":qa! leaves Neovim with status 0" grep -qx 'nvim exited 0' "$work/exit"
if ((failed)); then
  echo "--- screen:"; screen
fi
echo "nvim tui: $passed passed, $failed failed"
((failed == 0))
