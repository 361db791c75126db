#!/usr/bin/env bash
# Two workspace folders in one headless Neovim: a/ and b/, each with its
# sourcecheck.toml reading the one sources folder shared/ (b's makes a
# contradiction an error); a note of the second folder gets its diagnostics
# under that folder's settings. See multiroot_test.lua.
#
#   editors/nvim/test/multiroot.sh
#
# Environment: SOURCECHECK_BIN, SOURCECHECK_SEEDS, NVIM as for run.sh;
# SOURCECHECK_MODES (default "setup", and "config" too on Neovim 0.11+).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
source "$here/common.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/sourcecheck-multiroot.XXXXXX")
trap 'rm -rf "$work"' EXIT
top=$work/top
mkdir -p "$top/a" "$top/b"
cp -r "$seeds" "$top/shared"
printf 'sources = ["../shared"]\n' > "$top/a/sourcecheck.toml"
printf 'sources = ["../shared"]\n\n[severity]\ncontradicted = "error"\n' > "$top/b/sourcecheck.toml"
for d in a b; do
  cat > "$top/$d/notes.md" <<'NOTE'
# Foreign fighters: working notes

The coalition says more than 5,000 militants remain in Iraq and Syria.
NOTE
done
install_plugin "$work/plugin"
modes=${SOURCECHECK_MODES:-}
if [[ -z $modes ]]; then
  modes=setup
  "$NVIM" --headless --clean -c 'if has("nvim-0.11") | cquit 0 | else | cquit 1 | endif' </dev/null && modes="setup config"
fi
run_headless "$work" "$work/plugin" "$work" "$here/multiroot_test.lua" "$modes" SOURCECHECK_TOP="$top"
