# shellcheck shell=bash disable=SC2154  # $fakeapi and $root are set by the sourcing script
# The fake API server's life in a script (sourced, not run): demo.sh, soak.sh,
# valgrind-sync.sh and bench-lib.sh start, steer and stop scholard-fakeapi
# through these. Expects $fakeapi (the binary) and $root (the source tree);
# sets $server_pid and $port.

# start_fakeapi DIR TENTHS [OPTION...]: starts `$fakeapi --port 0 OPTION...` in
# the background, its stdout (where it names its port) in DIR/server.out and
# its log in DIR/server.log; sets $server_pid and $port. Waits up to TENTHS
# tenths of a second for the "listening on" line; when none comes (the server
# died, or is slower than that) prints its log to stderr and returns 1.
start_fakeapi() {
  local dir=$1 tenths=$2
  shift 2
  : > "$dir/server.out"  # exists before the first poll below (the child opens it later)
  "$fakeapi" --port 0 "$@" > "$dir/server.out" 2> "$dir/server.log" &
  server_pid=$!
  port=""
  for _ in $(seq 1 "$tenths"); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$dir/server.out")
    [[ -n $port ]] && return 0
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "$(basename "$0"): scholard-fakeapi did not start:" >&2
  cat "$dir/server.log" >&2
  return 1
}

# stop_fakeapi: stops the server start_fakeapi started, if it runs, and waits for it.
stop_fakeapi() {
  [[ -n ${server_pid:-} ]] || return 0
  kill "$server_pid" 2> /dev/null || true
  wait "$server_pid" 2> /dev/null || true
  server_pid=""
}

# fakeapi_control PATH: POSTs PATH (a /_control/... request, docs/fakeapi.md)
# with bash's /dev/tcp (no curl needed). Returns 1, saying so on stderr, unless
# the server answers 200.
fakeapi_control() {
  local reply
  exec 3<> "/dev/tcp/127.0.0.1/$port"
  printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' "$1" >&3
  reply=$(cat <&3)
  exec 3<&-
  [[ $reply == "HTTP/1.1 200"* ]] && return 0
  echo "$(basename "$0"): control $1 failed: ${reply%%$'\r'*}" >&2
  return 1
}

# fakeapi_config OUT [SED_OPTION...]: writes to OUT the example configuration
# (config/scholard.example.toml) with its three base_urls pointed at the
# server, then edited by the caller's sed options (-e 'EXPR' ...).
fakeapi_config() {
  local out=$1 base=http://127.0.0.1:$port
  shift
  sed -e "s#\"https://export.arxiv.org/api/query\"#\"$base/api/query\"#" \
    -e "s#\"https://api.crossref.org\"#\"$base\"#" \
    -e "s#\"https://api.semanticscholar.org/graph/v1\"#\"$base/graph/v1\"#" \
    "$@" "$root/config/scholard.example.toml" > "$out"
}
