# Small helpers shared by the scripts that start processes (scale-test, prod-trial). Set SCRIPT_NAME first.
#   log <text>                            a time-stamped line
#   free_port                             a free loopback port
#   wait_for <seconds> <what> <command…>  polls the command every half second until it succeeds

log() { echo "${SCRIPT_NAME:-script}: $(date +%T) $*"; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  while :; do p=$((20000 + RANDOM % 20000)); port_free "$p" && { echo "$p"; return; }; done
}
wait_for() {
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 2))); do "$@" && return 0; sleep 0.5; done
  echo "${SCRIPT_NAME:-script}: timed out waiting for $what" >&2; return 1
}
