# Sourced by the bench scripts. start_server SERVER DATA_DIR LOG starts snapsight-server in the background on a
# loopback port the kernel picks as it binds (port 0), and sets pid, and base to the address the server prints
# once it listens (docs/control/server.md). Finding a free port first and passing it would leave a moment in which
# another process could take it. Request logging at Information would measure the console, not the server.
start_server() {
  local server=$1 data=$2 log=$3
  Logging__LogLevel__Default=Warning "$server" --data-dir "$data" --urls http://127.0.0.1:0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    base=$(sed -n 's/^snapsight server: listening on //p' "$log" | head -1)
    [[ -n $base ]] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "snapsight-server stopped at start-up:" >&2; cat "$log" >&2; pid=; return 1; }
    sleep 0.1
  done
  echo "snapsight-server did not say where it listens within a minute" >&2
  return 1
}
