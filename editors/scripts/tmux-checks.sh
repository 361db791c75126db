# Sourced by the tests that drive an editor in tmux (nvim/test/tui.sh,
# helix/test/run.sh). Needs $socket (tmux -L) and $session set; counts
# into $passed and $failed.
passed=0 failed=0
check() { # check NAME COND...
  local name=$1; shift
  if "$@"; then echo "ok   - $name"; passed=$((passed + 1)); else echo "FAIL - $name"; failed=$((failed + 1)); fi
}
screen() { tmux -L "$socket" capture-pane -p -t "$session" 2>/dev/null || true; }
# wait_for SECONDS GREP-PATTERN: the screen shows it within the time
wait_for() {
  local until=$((SECONDS + $1))
  while ((SECONDS < until)); do
    screen | grep -qE -- "$2" && return 0
    sleep 0.3
  done
  return 1
}
# wait_until SECONDS COMMAND...: COMMAND succeeds within the time
wait_until() {
  local until=$((SECONDS + $1))
  shift
  while ((SECONDS < until)); do
    "$@" && return 0
    sleep 0.3
  done
  return 1
}
# wait_gone SECONDS GREP-PATTERN: the screen no longer shows it within the time
wait_gone() {
  local until=$((SECONDS + $1))
  while ((SECONDS < until)); do
    screen | grep -qE -- "$2" || return 0
    sleep 0.3
  done
  return 1
}
# keys KEY...: tmux key names sent one at a time, as a person types them (an
# Escape followed at once by a key would read as Alt+key)
keys() {
  local k
  for k in "$@"; do tmux -L "$socket" send-keys -t "$session" "$k"; sleep 0.3; done
}
# type_text TEXT: the characters of TEXT one at a time
type_text() {
  local i
  for ((i = 0; i < ${#1}; i++)); do tmux -L "$socket" send-keys -t "$session" -l "${1:i:1}"; sleep 0.3; done
}
# wait_file SECONDS FILE: FILE exists within the time
wait_file() {
  local until=$((SECONDS + $1))
  while ((SECONDS < until)) && [[ ! -e $2 ]]; do sleep 0.2; done
  [[ -e $2 ]]
}
