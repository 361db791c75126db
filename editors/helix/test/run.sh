#!/usr/bin/env bash
# Helix as a person uses it: the real editor in tmux (send-keys,
# capture-pane), configured with the README's languages.toml block as it
# stands (marksman and sourcecheck for Markdown; Helix logs a marksman that is
# not installed and goes on with sourcecheck). It must show the contradicted
# figure's diagnostic (the diagnostics picker, `space d`), its hover with the
# source's quote (`space k`), and complete a citation key from a word of the
# source's title as one types it (Helix filters the items itself, on
# filterText), the key it inserts replacing the typed word.
#
#   editors/helix/test/run.sh
#
# Environment:
#   SOURCECHECK_BIN    server binary (default: <repo>/target/debug/sourcecheck)
#   SOURCECHECK_SEEDS  source articles to copy into the test workspace (default: <repo>/seeds)
#   HX                 Helix to use (default: editors/helix/.helix/hx from
#                      scripts/install-helix.sh, else hx on PATH)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
helix=$(cd "$here/.." && pwd)
repo=$(cd "$helix/../.." && pwd)
bin=${SOURCECHECK_BIN:-$repo/target/debug/sourcecheck}
seeds=${SOURCECHECK_SEEDS:-$repo/seeds}
if [[ -z ${HX:-} ]]; then
  if [[ -x $helix/.helix/hx ]]; then HX=$helix/.helix/hx; else HX=$(command -v hx || true); fi
fi
[[ -n $HX ]] || { echo "helix test: no Helix found (bash editors/setup.sh)" >&2; exit 2; }
command -v tmux >/dev/null || { echo "helix test: tmux not found (bash editors/setup.sh)" >&2; exit 2; }
if [[ $bin != */* ]]; then bin=$(command -v "$bin" || echo "$bin"); fi
[[ -x $bin ]] || { echo "helix test: server binary $bin not found (set SOURCECHECK_BIN)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sourcecheck-helix.XXXXXX")
socket=sourcecheck-helix-$$
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ws=$work/workspace
mkdir -p "$ws" "$work/bin" "$work/home" "$work/xdg/config/helix"
cp -r "$seeds" "$ws/seeds"
cat > "$ws/notes.md" <<'NOTE'
# Foreign fighters: working notes

The coalition says more than 5,000 militants remain in Iraq and Syria.

At its peak, ISIS was thought to have more than 45,000 fighters in the region.
NOTE

# The README's block, as a person copies it: `sourcecheck` found on PATH.
awk '/^- \*\*Helix\*\*/ { on = 1 } on && /^ *```toml/ { take = 1; next } take && /^ *```/ { exit } take { sub(/^  /, ""); print }' \
  "$repo/README.md" > "$work/xdg/config/helix/languages.toml"
grep -q 'language-servers = \["marksman", "sourcecheck"\]' "$work/xdg/config/helix/languages.toml" \
  || { echo "helix test: the README's Helix block was not found or changed:"; cat "$work/xdg/config/helix/languages.toml"; exit 1; }
ln -s "$bin" "$work/bin/sourcecheck"
marksman=$(command -v marksman || echo "not installed")

session=hx
# shellcheck source=../../scripts/tmux-checks.sh
source "$repo/editors/scripts/tmux-checks.sh"

cd "$ws"
tmux -L "$socket" -f /dev/null new-session -d -x 200 -y 30 -s hx \
  "env PATH='$work/bin:$PATH' HOME='$work/home' XDG_CONFIG_HOME='$work/xdg/config' XDG_CACHE_HOME='$work/xdg/cache' \
     XDG_DATA_HOME='$work/xdg/data' XDG_STATE_HOME='$work/xdg/state' LANG=C.UTF-8 \
     '$HX' notes.md; echo \"hx exited \$?\" > '$work/exit'; sleep 30"
echo "== helix: $("$HX" --version), tmux $(tmux -V), marksman: $marksman"

check "Helix starts and shows the note" wait_for 15 'working notes'
check "the gutter marks the contradicted figure's line" wait_for 60 '^● +3 +The coalition says more than 5,000'
keys Space d
check "the diagnostics picker lists the contradiction" \
  wait_for 15 'WARN +contradicted +Contradicted: 004 says less than 1,000 militants'
check "and the supported figure as a hint" wait_for 5 'HINT +supported +Supported: 004 says more than 45,000 fighters'
keys Escape / 5 , 0 0 0 Enter Space k
check "hover on the figure gives the verdict" wait_for 15 '✗ Contradicted — more than 5,000 militants'
check "and quotes the source with its file and line" \
  wait_for 5 '004 contradicts — The United States-led international coalition .* said Wednesday that less'
check "and names the file and line" wait_for 5 '004_373bdf90062bec4d\.txt:1'
keys Escape g e o
type_text 'See [@'
check "after [@ every source's key is offered" wait_for 15 '^ +~? +000 reference'
type_text 'zero'
# 'zero' is a word of 001's title ("… drops to near zero …") alone
check "typing a title word leaves that source's key" wait_for 10 '^ +~? +001 reference'
check "and no other" wait_gone 10 '^ +~? +00[0234] reference'
keys Tab Enter Escape
check "the key replaces the typed word" wait_for 10 '^[^ ]* +6 +See \[@001\]'
last_screen=$(screen)
keys : q ! Enter
wait_file 10 "$work/exit" || true
check ":q! leaves Helix with status 0" grep -qx 'hx exited 0' "$work/exit"
if ((failed)); then
  echo "--- screen before :q!:"; echo "$last_screen"
  log=$work/xdg/cache/helix/helix.log
  if [[ -f $log ]]; then echo "--- helix.log (last 30 lines)"; tail -n 30 "$log"; fi
fi
echo "helix: $passed passed, $failed failed"
((failed == 0))
