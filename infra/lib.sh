# Shared by up.sh, down.sh, test.sh and demo.sh: find a JDK, start Postgres, Redis and Kafka (one or three brokers).
# Every function is idempotent: it checks first and starts only what is not running.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$INFRA_DIR/.." && pwd)"
RUN_DIR="$INFRA_DIR/.run"
KAFKA_LIBS="$INFRA_DIR/target/kafka-libs"
mkdir -p "$RUN_DIR"

log() { printf '\033[1m[eventledger]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[eventledger] %s\033[0m\n' "$*" >&2; exit 1; }

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

# Picks a JDK >= 21: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME."
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  command -v apt-get >/dev/null || die "$* missing and this is not a Debian-like system: install it by hand."
  log "installing $* with apt-get"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_ready() { pg_isready -h 127.0.0.1 -p "${1:-5432}" -q 2>/dev/null; }

ensure_postgres() {
  pg_ready && return 0
  command -v pg_ctlcluster >/dev/null || apt_install postgresql postgresql-client
  local version; version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$version" ] || die "PostgreSQL is installed but has no cluster under /etc/postgresql"
  log "starting PostgreSQL $version"
  ensure_pg_trust "$version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for "PostgreSQL" 60 pg_ready
}

# The outbox is a queue table: every row is deleted soon after it is written. Without vacuum its dead rows
# pile up (here, with the machine's autovacuum = off: 1.4 million dead rows, a 1.8 GB heap after an
# afternoon of benchmarks), and the relay's depth count, which scans the table, took 0.5 s. Production
# PostgreSQL runs autovacuum by default; a machine that turned it off gets it back on (a reload suffices).
ensure_autovacuum() {
  autovacuum_on && return 0
  log "turning PostgreSQL's autovacuum on (ALTER SYSTEM): the outbox needs vacuum"
  psql -h 127.0.0.1 -U postgres -d postgres -qAt -c 'ALTER SYSTEM SET autovacuum = on' -c 'SELECT pg_reload_conf()' >/dev/null
  wait_for "autovacuum" 10 autovacuum_on
}

autovacuum_on() { [ "$(psql -h 127.0.0.1 -U postgres -d postgres -qAt -c 'SHOW autovacuum')" = on ]; }

# Our scripts connect as user postgres over TCP without a password, as on our machines.
ensure_pg_trust() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  [ -f "$hba" ] || return 0
  grep -qE '^host\s+all\s+all\s+127.0.0.1/32\s+trust' "$hba" && return 0
  log "allowing local TCP connections without a password in $hba (development machine)"
  as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
}

# as_postgres CMD...: PostgreSQL refuses to run as root, so a root caller runs its tools as user postgres, from /
# (the caller's working directory, e.g. a checkout under /root, may be closed to that user).
as_postgres() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# pg_cluster_dir DIR: where the private cluster asked for in DIR really lives. A root caller runs PostgreSQL as user
# postgres, which cannot enter a checkout under a directory closed to other users (e.g. /root, mode 0700): its data
# and socket then live in the postgres user's home, in a directory named from a hash of DIR's absolute path, so two
# checkouts never share one (links in that path are not resolved: DIR itself becomes a link to the directory).
# Any other caller runs PostgreSQL as itself, in DIR.
pg_cluster_dir() {
  [ "$(id -u)" = 0 ] || { echo "$1"; return; }
  local home; home=$(getent passwd postgres | cut -d: -f6)
  [ -n "$home" ] || die "no user postgres: install the PostgreSQL server (apt-get install postgresql)"
  echo "$home/eventledger-$(realpath -ms "$1" | sha256sum | cut -c1-16)"
}

# ensure_pg_cluster BIN DIR PORT: a private cluster for DIR (initdb once; trust auth on 127.0.0.1, fsync on)
# listening on PORT, e.g. for infra/chaos.sh, which restarts it. Its data, log and socket are in
# $(pg_cluster_dir DIR); when that is elsewhere, DIR is a symbolic link to it. reset_pg_cluster DIR removes both.
# The shared cluster is ensure_postgres's.
ensure_pg_cluster() {
  local bin=$1 link=$2 port=$3 dir
  dir=$(pg_cluster_dir "$link")
  pg_ready "$port" && return 0
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    chmod 700 "$dir/data"
    log "initdb a private PostgreSQL cluster in $dir/data"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  if [ "$dir" != "$link" ] && [ ! -e "$link" ]; then mkdir -p "$(dirname "$link")" && ln -s "$dir" "$link"; fi
  log "starting the private PostgreSQL on 127.0.0.1:$port"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start -o \
    "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" \
    >/dev/null || { tail -20 "$dir/postgres.log" >&2; die "the private PostgreSQL did not start"; }
}

# reset_pg_cluster DIR: deletes the (stopped) private cluster of DIR, wherever pg_cluster_dir put it.
reset_pg_cluster() { rm -rf "$(pg_cluster_dir "$1")" "$1"; }

redis_ready() { redis-cli -h 127.0.0.1 -p "${1:-6379}" ping 2>/dev/null | grep -q PONG; }

# ensure_redis [PORT [DIR [PERSISTENCE]]]: the shared Redis on 6379 by default, without persistence;
# infra/chaos.sh starts a private one with PERSISTENCE "--appendonly yes", as production would run it.
ensure_redis() {
  local port=${1:-6379} dir=${2:-$RUN_DIR} persistence=${3:---appendonly no}
  redis_ready "$port" && return 0
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis on 127.0.0.1:$port"
  mkdir -p /var/lib/redis /var/log/redis "$dir" 2>/dev/null || true
  touch "$dir/redis.started"
  # shellcheck disable=SC2086 # the persistence options are words
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" $persistence \
    --dir "$dir" --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" >/dev/null
  wait_for "Redis" 30 redis_ready "$port"
}

ensure_tools() {
  command -v curl >/dev/null || apt_install curl
  command -v jq >/dev/null || apt_install jq
  command -v psql >/dev/null || apt_install postgresql-client
}

fetch_kafka() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  log "fetching the Kafka broker jars from Maven Central (infra/pom.xml)"
  (cd "$ROOT_DIR" && ./mvnw -B -q -pl infra package) || die "could not fetch the Kafka jars"
  touch "$KAFKA_LIBS/.complete"
}

kafka_ready() { (exec 3<>/dev/tcp/127.0.0.1/"${1:-9092}") 2>/dev/null; }

# --- Kafka: one broker by default, three with LEDGER_KAFKA_BROKERS=3 -------------------------------------------

# What ensure_kafka last started for this checkout: the shape, bootstrap and replication settings the services need.
KAFKA_ENV="$RUN_DIR/kafka.env"

# ensure_kafka [DIR [PORT [CONTROLLER_PORT]]]: without arguments, this checkout's Kafka on 127.0.0.1:9092 (nodes
# from 9092 up), as many brokers as LEDGER_KAFKA_BROKERS (1 or 3) asks for, else as were last recorded in
# infra/.run/kafka.env, else 1; it records the shape there for the scripts that follow. With arguments, one private
# node (infra/chaos.sh's) with its data in DIR/data, its pid in DIR.pid and its log in DIR.log.
ensure_kafka() {
  if [ $# -gt 0 ]; then ensure_kafka_cluster 1 "$1" "${2:-9092}" "${3:-}"; return; fi
  local brokers=${LEDGER_KAFKA_BROKERS:-$(recorded_kafka LEDGER_KAFKA_BROKERS)} i
  brokers=${brokers:-1}
  [ -f "$INFRA_DIR/kafka/brokers-$brokers.properties" ] \
    || die "LEDGER_KAFKA_BROKERS=$brokers: infra/kafka/ has settings for 1 or 3 brokers"
  if [ "$brokers" != 1 ] && kafka_node_alive "$RUN_DIR/kafka"; then
    die "$brokers brokers asked for, but this checkout runs a single broker: run infra/down.sh first (data is kept)"
  fi
  for i in 1 2 3; do
    if [ "$brokers" != 3 ] && kafka_node_alive "$RUN_DIR/kafka-$i"; then
      die "$brokers broker(s) asked for, but this checkout runs a three-broker cluster: run infra/down.sh first (data is kept)"
    fi
  done
  ensure_kafka_cluster "$brokers" "$RUN_DIR/kafka" 9092
  record_kafka "$brokers" 9092
}

# ensure_kafka_cluster BROKERS DIR BASE_PORT [CONTROLLER_PORT]: BROKERS combined broker+controller KRaft nodes on
# 127.0.0.1, ids 1..BROKERS, all voters of the controller quorum and formatted with one cluster id. Node i takes
# clients on BASE_PORT+2(i-1) and its controller on the next port (a single node: CONTROLLER_PORT if given). A
# single node keeps its data in DIR/data, its pid in DIR.pid and its log in DIR.log; node i of a cluster in DIR-i/...
# Idempotent: starts the nodes that are not running, then waits until the cluster is ready (kafka_cluster_ready).
ensure_kafka_cluster() {
  local brokers=$1 prefix=$2 base=$3 controller=${4:-} i id= voters= bootstrap= controllers= started
  local -a dirs ports cports starting=()
  fetch_kafka
  for ((i = 1; i <= brokers; i++)); do
    dirs[i]=$prefix; [ "$brokers" = 1 ] || dirs[i]=$prefix-$i
    ports[i]=$(( base + 2 * (i - 1) ))
    cports[i]=$(( ports[i] + 1 )); [ "$brokers" != 1 ] || cports[i]=${controller:-${cports[i]}}
    voters+="${voters:+,}$i@127.0.0.1:${cports[i]}"
    bootstrap+="${bootstrap:+,}127.0.0.1:${ports[i]}"
    controllers+="${controllers:+,}127.0.0.1:${cports[i]}"
  done
  for ((i = 1; i <= brokers; i++)); do
    kafka_node_alive "${dirs[i]}" && continue
    if kafka_ready "${ports[i]}"; then
      # one broker: whatever answers there is used, e.g. the shared broker another checkout started
      [ "$brokers" != 1 ] || return 0
      die "port ${ports[i]} answers, but not from node $i of ${dirs[i]}: stop what holds it (infra/down.sh in the checkout that started it) or use other ports"
    fi
    [ -n "$id" ] || id=$(kafka_cluster_id "${dirs[@]}")
    [ -n "$id" ] || die "could not generate a KRaft cluster id"
    start_kafka_node "${dirs[i]}" "$i" "${ports[i]}" "${cports[i]}" "$voters" "$brokers" "$id"
    starting+=("$i")
  done
  started=$(date +%s%N)
  # after a kill -9 a node first recovers its logs: infra/chaos.sh allows longer
  for ((i = 1; i <= brokers; i++)); do
    wait_for "Kafka node $i" "${KAFKA_START_SECONDS:-60}" kafka_ready "${ports[i]}" \
      || { tail -30 "${dirs[i]}.log" >&2; die "Kafka node $i did not start (log: ${dirs[i]}.log)"; }
  done
  if [ "$brokers" -gt 1 ]; then
    wait_for "the Kafka cluster" "${KAFKA_START_SECONDS:-60}" kafka_cluster_ready "$brokers" "$bootstrap" "$controllers" \
      || die "the Kafka cluster on $bootstrap is not ready: no controller quorum, or not every broker registered (logs: $prefix-*.log)"
  fi
  [ ${#starting[@]} = 0 ] || log "Kafka on $bootstrap $([ "$brokers" = 1 ] && echo answered || echo "ready (quorum, $brokers brokers registered)") $(( ($(date +%s%N) - started) / 1000000 )) ms after start"
}

# start_kafka_node DIR ID PORT CONTROLLER_PORT VOTERS BROKERS CLUSTER_ID: writes DIR/server.properties, formats DIR/data
# once, and starts the node in the background.
start_kafka_node() {
  local dir=$1 id=$2 port=$3 controller=$4 voters=$5 brokers=$6 cluster=$7
  mkdir -p "$dir"
  { cat "$INFRA_DIR/kafka/server.properties" "$INFRA_DIR/kafka/brokers-$brokers.properties"
    printf '%s\n' "node.id=$id" "controller.quorum.voters=$voters" \
      "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller" \
      "advertised.listeners=PLAINTEXT://127.0.0.1:$port" "log.dirs=$dir/data"
  } > "$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    log "formatting KRaft storage in $dir/data (cluster $cluster)"
    kafka_java kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; die "could not format KRaft storage in $dir/data"; }
  fi
  log "starting Kafka node $id on 127.0.0.1:$port (controller :$controller)"
  nohup "$JAVA_HOME/bin/java" -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.yaml" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties" >>"$dir.log" 2>&1 &
  echo $! > "$dir.pid"
  disown $!
}

# kafka_node_alive DIR: the node whose pid is in DIR.pid runs (and is that node, not a process that reused the pid).
kafka_node_alive() {
  local pid; pid=$(cat "$1.pid" 2>/dev/null) || return 1
  tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF "$1/server.properties"
}

# kafka_cluster_id DIR...: the cluster id already formatted into one of the nodes' storage, else a new one.
kafka_cluster_id() {
  local dir id
  for dir in "$@"; do
    id=$(sed -n 's/^cluster\.id=//p' "$dir/data/meta.properties" 2>/dev/null)
    [ -z "$id" ] || { echo "$id"; return 0; }
  done
  kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1
}

# kafka_cluster_ready BROKERS BOOTSTRAP CONTROLLERS: the controllers have elected a leader among all BROKERS voters
# (a quorum), and BROKERS brokers are registered and unfenced (caught up with the metadata, taking requests).
kafka_cluster_ready() {
  local brokers=$1 bootstrap=$2 controllers=$3 quorum
  quorum=$(kafka_java org.apache.kafka.tools.MetadataQuorumCommand --bootstrap-controller "$controllers" \
    --command-config "$INFRA_DIR/kafka/admin.properties" describe --status 2>/dev/null) || return 1
  grep -Eq '^LeaderId:[[:space:]]+[0-9]+$' <<<"$quorum" || return 1
  [ "$(grep '^CurrentVoters:' <<<"$quorum" | grep -o '"id"' | wc -l)" = "$brokers" ] || return 1
  [ "$(kafka_java org.apache.kafka.tools.ClusterTool list-endpoints --bootstrap-server "$bootstrap" \
    --config "$INFRA_DIR/kafka/admin.properties" 2>/dev/null | grep -c ' unfenced ')" = "$brokers" ]
}

# record_kafka BROKERS BASE_PORT: writes infra/.run/kafka.env, the settings the services need for this Kafka.
record_kafka() {
  local settings="$INFRA_DIR/kafka/brokers-$1.properties" bootstrap= i rf isr
  for ((i = 0; i < $1; i++)); do bootstrap+="${bootstrap:+,}127.0.0.1:$(( $2 + 2 * i ))"; done
  rf=$(sed -n 's/^default\.replication\.factor=//p' "$settings")
  isr=$(sed -n 's/^min\.insync\.replicas=//p' "$settings")
  printf '%s\n' "LEDGER_KAFKA_BROKERS=$1" "LEDGER_KAFKA_BOOTSTRAP=$bootstrap" "LEDGER_TOPIC_REPLICATION_FACTOR=$rf" \
    "LEDGER_TOPIC_MIN_INSYNC_REPLICAS=$isr" "LEDGER_STREAMS_REPLICATION_FACTOR=$rf" > "$KAFKA_ENV.tmp"
  mv "$KAFKA_ENV.tmp" "$KAFKA_ENV"
}

recorded_kafka() { sed -n "s/^$1=//p" "$KAFKA_ENV" 2>/dev/null; }

# use_kafka_settings: exports what infra/.run/kafka.env records, each variable unless the caller set it, so the
# services and CLIs reach this checkout's Kafka with its replication. Nothing when the caller asked for another
# shape (LEDGER_KAFKA_BROKERS) or points LEDGER_KAFKA_BOOTSTRAP at an address outside it (infra/chaos.sh's
# private broker).
use_kafka_settings() {
  [ -f "$KAFKA_ENV" ] || return 0
  local given=${LEDGER_KAFKA_BOOTSTRAP:-} recorded name value address
  [ -z "${LEDGER_KAFKA_BROKERS:-}" ] || [ "$LEDGER_KAFKA_BROKERS" = "$(recorded_kafka LEDGER_KAFKA_BROKERS)" ] || return 0
  recorded=",$(recorded_kafka LEDGER_KAFKA_BOOTSTRAP),"
  for address in ${given//,/ }; do
    [[ "$recorded" == *",$address,"* ]] || return 0
  done
  while IFS='=' read -r name value; do
    [ -n "${!name:-}" ] || export "$name=$value"
  done < "$KAFKA_ENV"
}

# stop_kafka DIR: stops the single node DIR or the cluster nodes DIR-1..3, all at once (a node stopping alone
# would wait for a controller quorum the others no longer form).
stop_kafka() {
  local dir
  for dir in "$1" "$1"-1 "$1"-2 "$1"-3; do
    kafka_node_alive "$dir" && stop_pid_file "$dir.pid" "$(basename "$dir")" &
  done
  wait
  rm -f "$1.pid" "$1"-[123].pid
}

kafka_java() { "$JAVA_HOME/bin/java" -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.yaml" -cp "$KAFKA_LIBS/*" "$@"; }

# wait_for NAME SECONDS COMMAND...: polls until COMMAND succeeds.
wait_for() {
  local name=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "$name is not ready after ${seconds}s"; return 1; }
    sleep 0.2
  done
}

ensure_servers() {
  pick_jdk
  ensure_tools
  ensure_postgres
  ensure_autovacuum
  ensure_redis
  ensure_kafka
}

# --- the project's own processes -------------------------------------------------------------

service_jar() { echo "$ROOT_DIR/$1/target/$1-0.1.0-SNAPSHOT-all.jar"; }

# Builds when a jar is missing or older than any source or pom, so a second up.sh does not rebuild.
build_project() {
  local stale=0 module
  for module in command-service projector-streams ledger-loadtest; do
    local jar; jar=$(service_jar "$module")
    if [ ! -f "$jar" ] || [ -n "$(find "$ROOT_DIR/ledger-contract" "$ROOT_DIR/platform" "$ROOT_DIR/$module/src" \
         "$ROOT_DIR"/pom.xml "$ROOT_DIR/$module/pom.xml" -path '*/target' -prune -o -newer "$jar" -print -quit 2>/dev/null)" ]; then
      stale=1
    fi
  done
  [ "$stale" = 1 ] || return 0
  log "building the project (./mvnw package, tests skipped: infra/test.sh runs them)"
  (cd "$ROOT_DIR" && ./mvnw -B -q package -DskipTests -pl command-service,projector-streams,ledger-loadtest -am) \
    || die "build failed"
}

ensure_database() {
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='eventledger'" | grep -q 1; then
    log "creating database eventledger"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE eventledger" >/dev/null
  fi
}

pid_alive() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

http_ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/health/ready"; }

# start_service NAME PORT JAR ARGS...: starts it unless it already answers; restarts it if its jar is newer.
start_service() {
  local name=$1 port=$2 jar=$3; shift 3
  if pid_alive "$name" && [ "$jar" -nt "$RUN_DIR/$name.pid" ]; then
    log "$name runs an older build: restarting it"
    stop_pid "$name"
  fi
  if http_ready "$port"; then log "$name already answers on :$port"; return 0; fi
  pid_alive "$name" || {
    log "starting $name on :$port"
    : > "$RUN_DIR/$name.log"
    LEDGER_HTTP_PORT=$port LEDGER_STATE_DIR="$(dirname "$RUN_DIR/$name")/state-$port" launch "$name" "$jar" "$@"
  }
  wait_for "$name" 120 http_ready "$port" || { tail -40 "$RUN_DIR/$name.log" >&2; die "$name did not become ready"; }
}

# launch NAME JAR ARGS...: runs JAR in the background, its pid in infra/.run/NAME.pid, its output appended to NAME.log.
launch() {
  local name=$1 jar=$2; shift 2
  # a private copy, so a rebuild of target/ never pulls classes from under a running service
  cp "$jar" "$RUN_DIR/$name.jar"
  nohup "$JAVA_HOME/bin/java" -Xms128m -Xmx512m -jar "$RUN_DIR/$name.jar" "$@" >>"$RUN_DIR/$name.log" 2>&1 &
  echo $! > "$RUN_DIR/$name.pid"
  disown $!   # so a kill -9 (infra/chaos.sh) is not reported by this shell
}

stop_pid() { stop_pid_file "$RUN_DIR/$1.pid" "$1"; }

# stop_pid_file FILE NAME: stops the process whose pid FILE holds (TERM, then KILL after 60 s) and removes FILE.
stop_pid_file() {
  local file=$1 name=$2 pid
  pid=$(cat "$file" 2>/dev/null) && kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  wait_for "$name to stop" 60 bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}
