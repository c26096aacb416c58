# Functions for a Spark standalone cluster on this machine, 127.0.0.1 only, made of the Spark jars that
# Maven resolves (spark/target/spark-home, no Spark download needed). Sourced by spark-e2e.sh and
# spark-throughput.sh, which set $work (a scratch folder) first.

# What spark-class and spark-submit add on Java 17 (Spark's JavaModuleOptions).
spark_java_opts=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)

# Builds the plugin (installed for the module), xrayseg-spark.jar and the Spark jars
# (SPARK_VERSION=4.0.1 for another Spark than the module's).
spark_build() {
  (cd "$here" && mvn -q -B -DskipTests install && mvn -q -B -f spark/pom.xml -DskipTests -Pspark-home \
    ${SPARK_VERSION:+-Dspark.version=$SPARK_VERSION} package) \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; return 1; }
  export SPARK_HOME="$here/spark/target/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  mkdir -p "$SPARK_HOME/conf"
  cat >"$SPARK_HOME/conf/log4j2.properties" <<'CONF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
CONF
  jar="$here/spark/target/xrayseg-spark.jar"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Runs a Spark daemon in the place of the calling (background) shell, so that $! is the daemon's JVM.
spark_class() { exec java "${spark_java_opts[@]}" -Xmx512m -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" "$@"; }

# Starts the master; sets $master (its URL) and $master_pid.
spark_start_master() {
  local port; port="$(free_port)"
  master="spark://127.0.0.1:$port"
  spark_class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$(free_port)" \
    >"$work/master.log" 2>&1 &
  master_pid=$!
  for _ in $(seq 1 60); do grep -qs "I have been elected leader" "$work/master.log" && return 0; sleep 0.5; done
  echo "the Spark master did not start: see $work/master.log" >&2; return 1
}

# Starts worker $1 with $2 cores and $3 memory; its pid goes to worker_pid[$1].
declare -A worker_pid
spark_start_worker() {
  mkdir -p "$work/worker-$1"
  SPARK_WORKER_DIR="$work/worker-$1" spark_class org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
    --cores "$2" --memory "$3" --work-dir "$work/worker-$1" --webui-port "$(free_port)" "$master" \
    >"$work/worker-$1.log" 2>&1 &
  worker_pid[$1]=$!
  for _ in $(seq 1 60); do grep -qs "Successfully registered with master" "$work/worker-$1.log" && return 0; sleep 0.5; done
  echo "Spark worker $1 did not register: see $work/worker-$1.log" >&2; return 1
}

# Kills worker $1 and the executors it started, as a machine that dies (SIGKILL, no clean-up).
spark_kill_worker() {
  local children; children="$(pgrep -P "${worker_pid[$1]}" || true)"
  kill -KILL "${worker_pid[$1]}" $children 2>/dev/null || true
  echo "killed worker $1 (pid ${worker_pid[$1]}) and its executor(s) ${children:-none}"
}

spark_stop_all() {
  local pids=("${worker_pid[@]}" "${master_pid:-}")
  for p in "${pids[@]}"; do
    [ -n "$p" ] || continue
    pkill -KILL -P "$p" 2>/dev/null || true
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}

# Submits the job in client mode: spark_submit OUT_LOG [spark options --] segment key=value ...
spark_submit() {
  local log="$1"; shift
  local opts=()
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done; shift
  java "${spark_java_opts[@]}" -Xmx2g -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$master" --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false "${opts[@]}" --class org.xrayseg.spark.SparkSegment "$jar" "$@" >"$log" 2>&1
}
