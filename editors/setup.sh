#!/usr/bin/env bash
# Installs what editors/run-tests.sh needs, on Debian 12 (bookworm):
#   - Debian's neovim (0.7.2: for the "unsupported version" test), emacs-nox,
#     elpa-eglot and elpa-markdown-mode, patchelf (for the private Neovim) and
#     tmux (the Neovim test in a real terminal) (apt)
#   - Neovim 0.10 from Debian trixie in editors/nvim/.nvim (install-nvim.sh),
#     Debian sid's Neovim (0.12: the 0.11+ API path, vim.lsp.enable) in
#     editors/nvim/.nvim-sid, and Helix from trixie in editors/helix/.helix (install-helix.sh); both
#     with a private apt configuration (editors/scripts/debian-unpack.sh), the
#     system's sources are not changed
#   - the VS Code extension's npm packages (npm ci in editors/vscode)
# Idempotent: what is already there is not installed again.
set -euo pipefail
editors=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: run as root (apt-get needs it)" >&2; exit 1; }
  sudo="sudo"
fi

packages=(neovim emacs-nox elpa-eglot elpa-markdown-mode patchelf tmux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: apt-get install ${missing[*]}"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: apt packages already installed: ${packages[*]}"
fi

echo "setup: Neovim 0.10 into editors/nvim/.nvim"
"$editors/nvim/scripts/install-nvim.sh"
echo "setup: Debian sid's Neovim into editors/nvim/.nvim-sid"
NVIM_DEBIAN_SUITE=sid NVIM_DEBIAN_RESOLVE=1 "$editors/nvim/scripts/install-nvim.sh" "$editors/nvim/.nvim-sid"
echo "setup: Helix into editors/helix/.helix"
"$editors/helix/scripts/install-helix.sh"

command -v node >/dev/null && command -v npm >/dev/null || { echo "setup: node and npm are needed for editors/vscode" >&2; exit 1; }
echo "setup: npm ci in editors/vscode (node $(node --version))"
(cd "$editors/vscode" && npm ci --no-audit --no-fund)
echo "setup: done"
