#!/usr/bin/env bash
# Runs the editor integration tests against the sourcecheck language server.
#
#   editors/run-tests.sh [nvim] [nvim-tui] [nvim-multiroot] [nvim-0.11] [nvim-unsupported] [vscode] [emacs] [helix]
#
# With no arguments, every test. A test whose editor/tool is not installed is
# skipped with one line naming it, why, and the install command (bash
# editors/setup.sh), unless CI is set (non-empty), in which case it fails.
#
# Environment:
#   SOURCECHECK_BIN          server binary (default: <repo>/target/debug/sourcecheck)
#   CI                       when set, a missing tool is a failure
#   SOURCECHECK_SKIP_STATUS  exit status when every test asked for was skipped
#                            (default 0; tests/editors.rs sets 77 to tell a skip
#                            from a pass)
set -uo pipefail

editors=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$editors/.." && pwd)
export SOURCECHECK_BIN=${SOURCECHECK_BIN:-$repo/target/debug/sourcecheck}
export SOURCECHECK_SEEDS=${SOURCECHECK_SEEDS:-$repo/seeds}
strict=${CI:-}

tests=("$@")
((${#tests[@]})) || tests=(nvim nvim-tui nvim-multiroot nvim-0.11 nvim-unsupported vscode emacs helix)

passed=0 failed=0 skipped=0
failures=()

# "major minor" of a Neovim binary.
nvim_version() { "$1" --version 2>/dev/null | sed -nE '1s/^NVIM v([0-9]+)\.([0-9]+).*/\1 \2/p'; }
nvim_at_least_08() { local v; v=$(nvim_version "$1"); [[ -n $v ]] && { read -r ma mi <<<"$v"; ((ma > 0 || mi >= 8)); }; }
nvim_at_least_011() { local v; v=$(nvim_version "$1"); [[ -n $v ]] && { read -r ma mi <<<"$v"; ((ma > 0 || mi >= 11)); }; }

# Prints why a test cannot run (and returns 1), or sets up its command.
available() {
  case $1 in
    nvim | nvim-tui | nvim-multiroot)
      if [[ $1 == nvim-tui ]] && ! command -v tmux >/dev/null; then echo "tmux not found (apt-get install tmux)"; return 1; fi
      local n=${NVIM:-}
      if [[ -z $n ]]; then
        if [[ -x $editors/nvim/.nvim/nvim ]]; then n=$editors/nvim/.nvim/nvim; else n=$(command -v nvim || true); fi
      fi
      if [[ -z $n ]]; then echo "no Neovim 0.8+"; return 1; fi
      if ! nvim_at_least_08 "$n"; then echo "$n is older than 0.8"; return 1; fi
      export NVIM=$n ;;
    nvim-0.11)
      local n=${NVIM_011:-$editors/nvim/.nvim-sid/nvim}
      [[ -x $n ]] || { echo "no Neovim 0.11+ at $n (set NVIM_011)"; return 1; }
      nvim_at_least_011 "$n" || { echo "$n is older than 0.11"; return 1; }
      export NVIM_011=$n ;;
    nvim-unsupported)
      local old=${NVIM_OLD:-$(command -v nvim || true)}
      if [[ -z $old ]] || nvim_at_least_08 "$old" || [[ -z $(nvim_version "$old") ]]; then
        echo "no Neovim older than 0.8 on PATH (Debian 12: apt-get install neovim)"; return 1
      fi
      export NVIM_OLD=$old ;;
    vscode)
      command -v node >/dev/null && command -v npm >/dev/null || { echo "node/npm not found"; return 1; }
      [[ -d $editors/vscode/node_modules ]] || { echo "editors/vscode/node_modules missing (cd editors/vscode && npm ci)"; return 1; } ;;
    emacs)
      command -v emacs >/dev/null || { echo "emacs not found (apt-get install emacs-nox elpa-eglot)"; return 1; }
      emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1 || { echo "Eglot not available (apt-get install elpa-eglot)"; return 1; } ;;
    helix)
      command -v tmux >/dev/null || { echo "tmux not found (apt-get install tmux)"; return 1; }
      local h=${HX:-}
      if [[ -z $h ]]; then
        if [[ -x $editors/helix/.helix/hx ]]; then h=$editors/helix/.helix/hx; else h=$(command -v hx || true); fi
      fi
      [[ -n $h ]] && "$h" --version >/dev/null 2>&1 || { echo "no Helix (hx)"; return 1; }
      export HX=$h ;;
    *)
      echo "unknown test $1"; return 1 ;;
  esac
}

run() {
  case $1 in
    nvim) "$editors/nvim/test/run.sh" ;;
    nvim-tui) "$editors/nvim/test/tui.sh" ;;
    nvim-multiroot) "$editors/nvim/test/multiroot.sh" ;;
    # Neovim 0.11+: lsp/sourcecheck.lua through vim.lsp.config / vim.lsp.enable
    # and setup{}, headless, with two folders, and in a terminal
    nvim-0.11) NVIM=$NVIM_011 "$editors/nvim/test/run.sh" && NVIM=$NVIM_011 "$editors/nvim/test/multiroot.sh" &&
      NVIM=$NVIM_011 "$editors/nvim/test/tui.sh" ;;
    nvim-unsupported) "$editors/nvim/test/unsupported.sh" ;;
    vscode) (cd "$editors/vscode" && npm test --silent) ;;
    emacs) "$editors/emacs/test/run.sh" ;;
    helix) "$editors/helix/test/run.sh" ;;
  esac
}

if [[ ! -x $SOURCECHECK_BIN ]]; then
  echo "editors: server binary $SOURCECHECK_BIN not found (build it, or set SOURCECHECK_BIN)" >&2
  echo "editors: 0 passed, 1 failed"
  exit 1
fi
echo "editors: server $SOURCECHECK_BIN"

for t in "${tests[@]}"; do
  echo
  echo "=== editors: $t"
  if ! why=$(available "$t"); then
    if [[ -n $strict || $why == "unknown test"* ]]; then
      echo "--- $t: FAILED: $why"
      failed=$((failed + 1)); failures+=("$t (missing: $why)")
    else
      echo "--- $t: skipped: $why; install: bash editors/setup.sh"
      skipped=$((skipped + 1))
    fi
    continue
  fi
  available "$t" >/dev/null # again in this shell, for its exports
  start=$SECONDS
  if run "$t"; then
    echo "--- $t: passed ($((SECONDS - start)) s)"
    passed=$((passed + 1))
  else
    echo "--- $t: FAILED ($((SECONDS - start)) s)"
    failed=$((failed + 1)); failures+=("$t")
  fi
done

echo
((${#failures[@]})) && printf 'editors: failed: %s\n' "${failures[@]}"
echo "editors: $passed passed, $failed failed, $skipped skipped"
((failed == 0)) || exit 1
((passed == 0 && skipped > 0)) && exit "${SOURCECHECK_SKIP_STATUS:-0}"
exit 0
