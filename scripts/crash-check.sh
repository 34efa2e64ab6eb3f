#!/usr/bin/env bash
# Kills the gateway with SIGKILL while requests are in flight, restarts it, and checks that every
# request answered 2xx reaches a final state (nothing accepted is lost).
#   scripts/crash-check.sh [requests]        (default 200; needs a built jar: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
port=${ASSISTX_PORT:-18631}
data=$(mktemp -d /tmp/assistx-crash.XXXXXX)
jar=target/assistx-gateway.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
log="$data/gateway.log"

status_of() {
  curl -s "localhost:$port/api/v1/verifications/$1" -H 'X-Client-Org: 610113001' \
    | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("status", "MISSING"))
except Exception: print("NO_ANSWER")'
}

start() {
  if curl -s -o /dev/null "localhost:$port/"; then
    echo "port $port is taken by another process; set ASSISTX_PORT" >&2; exit 2
  fi
  ASSISTX_PORT=$port ASSISTX_DATA_DIR=$data ASSISTX_BROKER_TCP_PORT=0 java -jar "$jar" >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { echo "gateway exited; see $log" >&2; exit 1; }
    curl -sf "localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "gateway did not start; see $log" >&2; exit 1
}

ids="$data/ids"; : > "$ids"
start
echo "gateway pid $pid; sending $n requests"
for i in $(seq 1 "$n"); do
  body=$(printf '{"requestId":"crash-%05d","appliedOn":"2026-09-01","residenceTownship":"610113001","applicant":{"idNumber":"610104199001011234","name":"张三","hukouDivision":"610104003","hukouNature":"RURAL"},"residenceSince":"2026-01-15","assistanceType":"DIBAO","declarationOfNonReceipt":true}' "$i")
  out=$(curl -s -o "$data/r" -w '%{http_code}' -X POST "localhost:$port/api/v1/verifications" \
        -H 'Content-Type: application/json' -H 'X-Client-Org: 610113001' -d "$body" || true)
  if [ "$out" = 202 ] || [ "$out" = 200 ]; then
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verificationId"])' "$data/r" >> "$ids"
  fi
  if [ "$i" = $((n / 2)) ]; then
    echo "kill -9 at request $i"; kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    start; echo "restarted, pid $pid"
  fi
done
accepted=$(wc -l < "$ids")
final=0; pending=0
for _ in $(seq 1 120); do
  final=0; pending=0
  while read -r id; do
    case "$(status_of "$id")" in
      ANSWERED|UNDETERMINED) final=$((final + 1));;
      MISSING) echo "LOST: $id accepted but unknown after the restart" >&2; pending=$((pending + 1));;
      *) pending=$((pending + 1));;
    esac
  done < "$ids"
  [ "$pending" = 0 ] && break
  sleep 2
done
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "accepted=$accepted final=$final lost=$pending data=$data"
[ "$pending" = 0 ]
