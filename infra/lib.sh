# Shared by up.sh, down.sh, test.sh and demo.sh: find a JDK, start Postgres, Redis and the Kafka broker.
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

# ensure_kafka [DIR [PORT [CONTROLLER_PORT]]]: a single-node KRaft broker with its data in DIR/data, its pid
# in DIR.pid and its log in DIR.log; by default the shared one on 9092. infra/chaos.sh starts a private one.
ensure_kafka() {
  local dir=${1:-$RUN_DIR/kafka} port=${2:-9092} controller=${3:-9093}
  fetch_kafka
  if kafka_ready "$port"; then return 0; fi
  mkdir -p "$dir"
  sed -e "s#^log.dirs=.*##" -e "s#127.0.0.1:9092#127.0.0.1:$port#g" -e "s#127.0.0.1:9093#127.0.0.1:$controller#g" \
    "$INFRA_DIR/kafka/server.properties" > "$dir/server.properties"
  echo "log.dirs=$dir/data" >> "$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    log "formatting KRaft storage in $dir/data"
    local id; id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    [ -n "$id" ] || die "could not generate a KRaft cluster id"
    kafka_java kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; die "could not format KRaft storage"; }
  fi
  log "starting the Kafka broker on 127.0.0.1:$port"
  local started; started=$(date +%s%N)
  nohup "$JAVA_HOME/bin/java" -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.yaml" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties" >>"$dir.log" 2>&1 &
  echo $! > "$dir.pid"
  disown $!
  # after a kill -9 the broker first recovers its logs: infra/chaos.sh allows longer
  wait_for "Kafka" "${KAFKA_START_SECONDS:-60}" kafka_ready "$port" || { tail -30 "$dir.log" >&2; die "Kafka did not start"; }
  log "Kafka answered after $(( ($(date +%s%N) - started) / 1000000 )) ms"
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

stop_pid() {
  local name=$1 pid
  pid_alive "$name" || { rm -f "$RUN_DIR/$name.pid"; return 0; }
  pid=$(cat "$RUN_DIR/$name.pid")
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  wait_for "$name to stop" 60 bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/$name.pid"
}
