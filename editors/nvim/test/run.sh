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
# shellcheck source=common.sh
source "$here/common.sh"

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

install_plugin "$work/plugin"
run_headless "$work" "$work/plugin" "$ws" "$here/sourcecheck_test.lua" "${SOURCECHECK_MODES:-setup config}" \
  SOURCECHECK_NOTE="$ws/notes.md"
