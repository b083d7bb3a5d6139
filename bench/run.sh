#!/usr/bin/env bash
# The benchmark, on demand (not part of the test suite). It runs the platform as built by ./mvnw on a real PostgreSQL
# server with fsync on: the machine's local PostgreSQL 15 (started here, fresh databases nrm_bench, nrm_bench_baseline
# and nrm_bench_cases), or the server given by SPRING_DATASOURCE_URL (+ BENCH_BASELINE_URL for the Camunda baseline and
# BENCH_CASES_URL for the whole-cases run). Prints a table and writes bench/target/bench-results.json.
#   BENCH_SECONDS (30), BENCH_CLIENTS (8)   the load phases
#   BENCH_SCALE_CASES (1000000)            cases seeded in bulk before the load (0: none; the views are then rebuilt
#                                           by an explicit replay over what the run created)
#   BENCH_SEED_ARGS                        passed to the seeding (--open-days=60 --years=10 --threads=2
#                                           --master-key=<the platform's, base64; the demo key by default>)
#   BENCH_CASES_SECONDS (480)              the whole-cases phase (0: skipped)
#   BENCH_REBUILD_EVENTS (3000000)         events seeded by JDBC for the rebuild at scale (0: skipped)
#   BENCH_PLATFORM_ARGS                    settings passed to the platform (to compare configurations)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_SECONDS=${BENCH_SECONDS:-30}
BENCH_CLIENTS=${BENCH_CLIENTS:-8}
BENCH_SCALE_CASES=${BENCH_SCALE_CASES:-1000000}
BENCH_CASES_SECONDS=${BENCH_CASES_SECONDS:-480}
BENCH_REBUILD_EVENTS=${BENCH_REBUILD_EVENTS:-3000000}
PORT=${BENCH_PORT:-18080}

if [ -z "${SPRING_DATASOURCE_URL:-}" ]; then
  pg_ctlcluster 15 main start 2>/dev/null || true
  # statements per step (the bench reads pg_stat_statements): the module must be preloaded, which takes a restart
  if ! su postgres -c "psql -tAc 'show shared_preload_libraries'" | grep -q pg_stat_statements; then
    su postgres -c "psql -q -c \"ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'\""
    pg_ctlcluster 15 main restart
  fi
  su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DROP DATABASE IF EXISTS nrm_bench;
DROP DATABASE IF EXISTS nrm_bench_baseline;
DROP DATABASE IF EXISTS nrm_bench_cases;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nrm') THEN CREATE ROLE nrm LOGIN PASSWORD 'nrm'; END IF;
END $$;
CREATE DATABASE nrm_bench OWNER nrm;
CREATE DATABASE nrm_bench_baseline OWNER nrm;
CREATE DATABASE nrm_bench_cases OWNER nrm;
SQL
  export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/nrm_bench
  export SPRING_DATASOURCE_USERNAME=nrm SPRING_DATASOURCE_PASSWORD=nrm
  BENCH_BASELINE_URL=jdbc:postgresql://localhost:5432/nrm_bench_baseline
  BENCH_CASES_URL=jdbc:postgresql://localhost:5432/nrm_bench_cases
  BENCH_LOCAL_SERVER=1
fi
echo "fsync on the server: $(PGPASSWORD=${SPRING_DATASOURCE_PASSWORD:-} psql "$(echo "$SPRING_DATASOURCE_URL" | sed 's/^jdbc://')" -U "${SPRING_DATASOURCE_USERNAME:-nrm}" -tAc 'show fsync' 2>/dev/null || echo unknown)"

./mvnw -B -q -DskipTests clean package  # clean: else an unchanged app keeps old module jars
mkdir -p bench/target
: > bench/target/bench-results.txt
platform=
trap '[ -n "$platform" ] && kill $platform 2>/dev/null || true' EXIT

# launch LOG [ARGS..]: starts the platform, waits until it answers, sets $platform and $started (seconds, 1 decimal).
# With CDS=1 it launches the extracted jar with the class-data archive of the training run (see below).
launch() {
  local log=$1; shift
  local launched ready jar=(-jar app/target/nrm-platform.jar)
  [ "${CDS:-0}" = 1 ] && jar=(-XX:SharedArchiveFile=bench/target/cds/nrm-platform.jsa -jar bench/target/cds/nrm-platform.jar)
  launched=$(date +%s%N)
  java -Xmx512m -Daxoniq.update-checker.disabled=true "${jar[@]}" \
    --spring.profiles.active=demo --server.port="$PORT" ${BENCH_PLATFORM_ARGS:-} "$@" > "bench/target/$log" 2>&1 &
  platform=$!
  for _ in $(seq 1 2400); do
    curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 $platform 2>/dev/null || { echo "the platform did not start; see bench/target/$log"; exit 1; }
    sleep 0.05
  done
  ready=$(date +%s%N)
  started=$(awk -v ms="$(( (ready - launched) / 1000000 ))" 'BEGIN { printf "%.1f", ms / 1000 }')
}
stop() {
  kill $platform; wait $platform 2>/dev/null || true
  platform=
}
note() { echo "$*" | tee -a bench/target/bench-results.txt; }

# 1. a first start on an empty database (the migrations included), and a second one on the migrated database
launch platform-first.log
note "startupSeconds (empty database, migrations included) $started"
stop
# the bench reads pg_stat_statements in the platform's database (created after the migrations: Flyway wants an empty
# schema at first); on another server its administrator creates it
[ -n "${BENCH_LOCAL_SERVER:-}" ] && su postgres -c "psql -q -d nrm_bench -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'"
launch platform-second.log
note "startupSeconds (migrated database) $started"
stop

# the start-up as a production image would do it: Spring Boot's extracted layout with a class-data-sharing archive
# written by a training run (the context refreshes, then the JVM exits and dumps the classes it loaded)
rm -rf bench/target/cds
java -Djarmode=tools -jar app/target/nrm-platform.jar extract --destination bench/target/cds > /dev/null
java -XX:ArchiveClassesAtExit=bench/target/cds/nrm-platform.jsa -Dspring.context.exit=onRefresh -Xmx512m \
  -Daxoniq.update-checker.disabled=true -jar bench/target/cds/nrm-platform.jar --spring.profiles.active=demo \
  --server.port="$PORT" > bench/target/cds-training.log 2>&1 || true
if [ -f bench/target/cds/nrm-platform.jsa ]; then
  export CDS=1
  launch platform-cds.log
  note "startupSeconds (migrated database, class-data sharing) $started"
  stop
else
  note "class-data sharing archive not written; see bench/target/cds-training.log"
fi

# 2. the store at scale, seeded in bulk by the bench's own JDBC while the platform is stopped (BulkSeed: the events in
#    the store's format, sealed per person, chained by the store's trigger; no platform code runs)
bench_args=(--replay=true)
if [ "$BENCH_SCALE_CASES" -gt 0 ]; then
  echo "seeding $BENCH_SCALE_CASES cases ..."
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.nrm.bench.Bench --phase=seed \
    --cases="$BENCH_SCALE_CASES" --jdbc="$SPRING_DATASOURCE_URL" --user="${SPRING_DATASOURCE_USERNAME:-nrm}" \
    --password="${SPRING_DATASOURCE_PASSWORD:-nrm}" ${BENCH_SEED_ARGS:-} > bench/target/seed.log 2>&1
  note "$(grep '^SEEDED' bench/target/seed.log)"
  bench_args=(--catchup=true --replay=false)
fi

# 3. a restart on the populated store; its projections then build from the first event while the bench watches
launch platform.log
note "restartSeconds (populated store$([ "${CDS:-0}" = 1 ] && echo ", class-data sharing")) $started"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.nrm.bench.Bench \
  --url="http://localhost:$PORT" --jdbc="$SPRING_DATASOURCE_URL" --baseline-jdbc="${BENCH_BASELINE_URL:?}" \
  --user="${SPRING_DATASOURCE_USERNAME:-nrm}" --password="${SPRING_DATASOURCE_PASSWORD:-nrm}" \
  --clients="$BENCH_CLIENTS" --seconds="$BENCH_SECONDS" --output=bench/target/bench-results.json "${bench_args[@]}"
note "peakRssMegabytes $(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$platform/status) (-Xmx512m)"
note "outOfMemoryErrors $(grep -c "OutOfMemoryError" bench/target/platform.log || true)"
stop

# 4. whole cases, on a platform of its own whose days last a second (demo-fast), on its own database
if [ "$BENCH_CASES_SECONDS" -gt 0 ]; then
  SPRING_DATASOURCE_URL=${BENCH_CASES_URL:?} launch platform-cases.log \
    --spring.profiles.active=demo-fast --nrm.jurisdiction.reintegration-follow-up-months=1
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.nrm.bench.Bench --phase=cases --merge=true \
    --url="http://localhost:$PORT" --jdbc="$BENCH_CASES_URL" \
    --user="${SPRING_DATASOURCE_USERNAME:-nrm}" --password="${SPRING_DATASOURCE_PASSWORD:-nrm}" \
    --cases-seconds="$BENCH_CASES_SECONDS" --cases-measure-from=$(( BENCH_CASES_SECONDS / 2 )) \
    --output=bench/target/bench-results.json
  stop
fi

# 5. the rebuild at scale: events seeded with the bench's own JDBC (the platform stopped; the case views' processor is
# handed a token at the new head), then the case views rebuilt from the first event, beside the JDBC streaming baseline
if [ "$BENCH_REBUILD_EVENTS" -gt 0 ]; then
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.nrm.bench.Bench --phase=seed-events \
    --events="$BENCH_REBUILD_EVENTS" --jdbc="$SPRING_DATASOURCE_URL" \
    --user="${SPRING_DATASOURCE_USERNAME:-nrm}" --password="${SPRING_DATASOURCE_PASSWORD:-nrm}" --merge=true \
    --output=bench/target/bench-results.json
  launch platform-rebuild.log
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.nrm.bench.Bench --phase=rebuild --merge=true \
    --url="http://localhost:$PORT" --jdbc="$SPRING_DATASOURCE_URL" \
    --user="${SPRING_DATASOURCE_USERNAME:-nrm}" --password="${SPRING_DATASOURCE_PASSWORD:-nrm}" \
    --output=bench/target/bench-results.json
  stop
fi
