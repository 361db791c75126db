# Sourced by the Neovim tests (run.sh, tui.sh, multiroot.sh), after they set
# $here (their folder): the paths and binaries they use, the plugin as a user
# installs it, a headless Lua test run per mode.
plugin=$(cd "$here/.." && pwd)
repo=$(cd "$plugin/../.." && pwd)
bin=${SOURCECHECK_BIN:-$repo/target/debug/sourcecheck}
seeds=${SOURCECHECK_SEEDS:-$repo/seeds}
if [[ -z ${NVIM:-} ]]; then
  if [[ -x $plugin/.nvim/nvim ]]; then NVIM=$plugin/.nvim/nvim; else NVIM=$(command -v nvim || true); fi
fi
[[ -n $NVIM ]] || { echo "nvim test: no Neovim found (bash editors/setup.sh)" >&2; exit 2; }
if [[ $bin != */* ]]; then bin=$(command -v "$bin" || echo "$bin"); fi
[[ -x $bin ]] || { echo "nvim test: server binary $bin not found (set SOURCECHECK_BIN)" >&2; exit 2; }
[[ -d $seeds ]] || { echo "nvim test: seeds folder $seeds not found" >&2; exit 2; }

# install_plugin DIR: the plugin as a user installs it (lua/, lsp/, doc/ +
# generated help tags), in DIR.
install_plugin() {
  mkdir -p "$1"
  cp -r "$plugin/lua" "$plugin/lsp" "$plugin/doc" "$1/"
  "$NVIM" --headless --clean -n -c "helptags $1/doc" -c 'qall!' </dev/null
}

# run_headless WORK RTP CWD LUAFILE MODES [VAR=VALUE]...: LUAFILE in a
# headless Neovim with RTP first on the runtimepath and a private XDG home
# under WORK, once per mode of MODES (SOURCECHECK_MODE); the LSP log's tail
# after a failure. Returns 1 when a mode failed.
run_headless() {
  local work=$1 rtp=$2 cwd=$3 luafile=$4 modes=$5 mode rc status=0
  shift 5
  for mode in $modes; do
    echo "== $(basename "$luafile" .lua): $("$NVIM" --version | head -n 1), mode $mode"
    rc=0
    (cd "$cwd" && export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data \
        XDG_STATE_HOME=$work/xdg/state XDG_CACHE_HOME=$work/xdg/cache && \
      env "$@" SOURCECHECK_BIN="$bin" SOURCECHECK_MODE="$mode" \
      timeout 300 "$NVIM" --headless --clean -n \
        --cmd "set runtimepath^=$rtp" --cmd 'filetype on' \
        -c "luafile $luafile") </dev/null || rc=$?
    if [[ $rc -ne 0 ]]; then
      echo "nvim test $(basename "$luafile") ($mode) FAILED (exit $rc)"
      if [[ -f $work/xdg/state/nvim/lsp.log ]]; then
        echo "--- lsp.log (last 40 lines)"; tail -n 40 "$work/xdg/state/nvim/lsp.log"
      fi
      status=1
    fi
  done
  return $status
}
