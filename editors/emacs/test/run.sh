#!/usr/bin/env bash
# End-to-end test of editors/emacs/sourcecheck.el through Eglot and the real server.
#
#   editors/emacs/test/run.sh
#
# Needs Emacs with Eglot (Debian 12: apt-get install emacs-nox elpa-eglot
# elpa-markdown-mode). Environment: SOURCECHECK_BIN (default
# <repo>/target/debug/sourcecheck), SOURCECHECK_SEEDS (default <repo>/seeds),
# EMACS (default emacs).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg=$(cd "$here/.." && pwd)
repo=$(cd "$pkg/../.." && pwd)
bin=${SOURCECHECK_BIN:-$repo/target/debug/sourcecheck}
seeds=${SOURCECHECK_SEEDS:-$repo/seeds}
emacs=${EMACS:-emacs}
command -v "$emacs" >/dev/null || { echo "emacs test: $emacs not found" >&2; exit 2; }
if [[ $bin != */* ]]; then bin=$(command -v "$bin" || echo "$bin"); fi
[[ -x $bin ]] || { echo "emacs test: server binary $bin not found (set SOURCECHECK_BIN)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sourcecheck-emacs.XXXXXX")
trap 'rm -rf "$work"' EXIT
ws=$work/workspace
mkdir -p "$ws" "$work/home"
cp -r "$seeds" "$ws/seeds"
cat > "$ws/notes.md" <<'NOTE'
# Foreign fighters: working notes

The coalition says more than 5,000 militants remain in Iraq and Syria.

At its peak, ISIS was thought to have more than 45,000 fighters in the region.
NOTE

echo "== emacs: $("$emacs" --version | head -n 1)"
rc=0
# Not -Q: Debian's elpa-* packages are activated by the site start files.
(cd "$ws" && HOME=$work/home SOURCECHECK_BIN=$bin SOURCECHECK_NOTE=$ws/notes.md \
  SOURCECHECK_EL=$pkg/sourcecheck.el timeout 300 "$emacs" --batch -l "$here/sourcecheck-test.el") \
  2>"$work/stderr" </dev/null || rc=$?
if [[ $rc -ne 0 ]]; then
  echo "emacs test FAILED (exit $rc); stderr:"; tail -n 40 "$work/stderr"
fi
exit $rc
