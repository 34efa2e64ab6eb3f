# The Artemis broker pair for scripts (sourced by scripts/scale-test and scripts/prod-trial): two instances of
# the standalone Apache ActiveMQ Artemis 2.40 distribution (fetched from Maven Central into
# ~/.cache/assistx-tools), configured from docs/deploy/broker.xml and docs/deploy/broker-pair/*.xml (shared
# store), login required: the gateway's own broker user with the role `assistx-gateway`.
#
#   broker_pair_start <work dir> <log prefix>   makes and starts primary then backup; sets BROKER_URL,
#                                               BROKER_USER, BROKER_PASSWORD, BROKER_PID[primary|backup]
#   broker_logged <role> <text>                 the broker is running and has logged the text
#   EXTRA_BROKER_ROLES                           lines appended to artemis-roles.properties (optional)
#
# Needs free_port and wait_for (scripts/lib/script-common.sh); appends the broker pids to PIDS.

declare -A BROKER_PID

broker_distribution() {
  local tools="$HOME/.cache/assistx-tools"
  ARTEMIS_HOME="$tools/apache-artemis-2.40.0"
  if [ ! -x "$ARTEMIS_HOME/bin/artemis" ]; then
    mkdir -p "$tools"
    mvn -B -q dependency:copy -Dartifact=org.apache.activemq:apache-artemis:2.40.0:tar.gz:bin -DoutputDirectory="$tools"
    tar -xzf "$tools/apache-artemis-2.40.0-bin.tar.gz" -C "$tools"
  fi
}

broker_make() { # broker_make <role> <port> <peer port>
  local role=$1 port=$2 peer=$3 dir="$BROKER_WORK/broker-$1"
  "$ARTEMIS_HOME/bin/artemis" create "$dir" --silent --force --name "$role" --user "$BROKER_USER" \
    --password "$BROKER_PASSWORD" --role assistx-gateway --require-login --host 127.0.0.1 --no-web --no-autotune \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor >"$BROKER_WORK/create-$role.log" 2>&1
  python3 scripts/lib/broker-xml.py "$role" "$role" "$BROKER_WORK/broker-shared" "$port" "$dir/etc/broker.xml"
  [ -z "${EXTRA_BROKER_ROLES:-}" ] || printf '\n%s\n' "$EXTRA_BROKER_ROLES" >>"$dir/etc/artemis-roles.properties"
  cat >>"$dir/etc/artemis.profile" <<PROFILE

JAVA_ARGS="\$JAVA_ARGS -Xms128m -Xmx512m -Dassistx.broker.self=127.0.0.1:$port -Dassistx.broker.peer=127.0.0.1:$peer -Dassistx.broker.cluster-password=$BROKER_CLUSTER_PASSWORD"
PROFILE
}

broker_run() { # broker_run <role>
  "$BROKER_WORK/broker-$1/bin/artemis" run >"$BROKER_WORK/broker-$1.log" 2>&1 &
  BROKER_PID[$1]=$!
  PIDS+=("$!")
  disown "$!"   # may be killed on purpose later: no job report from the shell
}

broker_logged() { # broker_logged <role> <text>
  kill -0 "${BROKER_PID[$1]}" 2>/dev/null || { echo "broker $1 exited:" >&2; tail -20 "$BROKER_WORK/broker-$1.log" >&2; exit 1; }
  grep -q "$2" "$BROKER_WORK/broker-$1.log"
}

broker_pair_start() { # broker_pair_start <work dir>
  BROKER_WORK=$1
  broker_distribution
  BROKER_USER=gateway
  BROKER_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  BROKER_CLUSTER_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  BROKER_PORT_PRIMARY=$(free_port); BROKER_PORT_BACKUP=$(free_port)
  broker_make primary "$BROKER_PORT_PRIMARY" "$BROKER_PORT_BACKUP"
  broker_make backup "$BROKER_PORT_BACKUP" "$BROKER_PORT_PRIMARY"
  broker_run primary
  wait_for 120 "the primary broker" broker_logged primary "AMQ221007"
  broker_run backup
  wait_for 120 "the backup broker" broker_logged backup "AMQ221031"
  # the clients' fail-over URL (docs/reliability.md, "Broker high availability")
  BROKER_URL="(tcp://127.0.0.1:$BROKER_PORT_PRIMARY,tcp://127.0.0.1:$BROKER_PORT_BACKUP)?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5&maxRetryInterval=2000"
}
