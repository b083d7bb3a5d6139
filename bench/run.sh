#!/usr/bin/env bash
# The benchmark, on demand (not part of the test suite). It runs the platform as built by ./mvnw on a real PostgreSQL
# server with fsync on: the machine's local PostgreSQL 15 (started here, fresh databases nrm_bench and
# nrm_bench_baseline), or the server given by SPRING_DATASOURCE_URL (+ BENCH_BASELINE_URL for the Camunda baseline).
# Prints a table and writes bench/target/bench-results.json. BENCH_SECONDS (30) and BENCH_CLIENTS (8) tune the load;
# BENCH_PLATFORM_ARGS passes settings to the platform (to compare configurations).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_SECONDS=${BENCH_SECONDS:-30}
BENCH_CLIENTS=${BENCH_CLIENTS:-8}
PORT=${BENCH_PORT:-18080}

if [ -z "${SPRING_DATASOURCE_URL:-}" ]; then
  pg_ctlcluster 15 main start 2>/dev/null || true
  su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DROP DATABASE IF EXISTS nrm_bench;
DROP DATABASE IF EXISTS nrm_bench_baseline;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nrm') THEN CREATE ROLE nrm LOGIN PASSWORD 'nrm'; END IF;
END $$;
CREATE DATABASE nrm_bench OWNER nrm;
CREATE DATABASE nrm_bench_baseline OWNER nrm;
SQL
  export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/nrm_bench
  export SPRING_DATASOURCE_USERNAME=nrm SPRING_DATASOURCE_PASSWORD=nrm
  BENCH_BASELINE_URL=jdbc:postgresql://localhost:5432/nrm_bench_baseline
fi
echo "fsync on the server: $(PGPASSWORD=${SPRING_DATASOURCE_PASSWORD:-} psql "$(echo "$SPRING_DATASOURCE_URL" | sed 's/^jdbc://')" -U "${SPRING_DATASOURCE_USERNAME:-nrm}" -tAc 'show fsync' 2>/dev/null || echo unknown)"

./mvnw -B -q -DskipTests package
mkdir -p bench/target
launched=$(date +%s%N)
java -Xmx512m -Daxoniq.update-checker.disabled=true -jar app/target/nrm-platform.jar \
  --spring.profiles.active=demo --server.port="$PORT" ${BENCH_PLATFORM_ARGS:-} > bench/target/platform.log 2>&1 &
platform=$!
trap 'kill $platform 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $platform 2>/dev/null || { echo "the platform did not start; see bench/target/platform.log"; exit 1; }
  sleep 0.05
done
ready=$(date +%s%N)
startup_ms=$(( (ready - launched) / 1000000 ))
startup=$(awk -v ms="$startup_ms" 'BEGIN { printf "%.1f", ms / 1000 }')
echo "start-up to ready: ${startup} s"

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.nrm.bench.Bench \
  --url="http://localhost:$PORT" --jdbc="$SPRING_DATASOURCE_URL" --baseline-jdbc="${BENCH_BASELINE_URL:?}" \
  --user="${SPRING_DATASOURCE_USERNAME:-nrm}" --password="${SPRING_DATASOURCE_PASSWORD:-nrm}" \
  --clients="$BENCH_CLIENTS" --seconds="$BENCH_SECONDS" --output=bench/target/bench-results.json

rss=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$platform/status)
kill $platform; wait $platform 2>/dev/null || true

# a restart on the now populated database: what a node's start-up costs in operation
launched=$(date +%s%N)
java -Xmx512m -Daxoniq.update-checker.disabled=true -jar app/target/nrm-platform.jar \
  --spring.profiles.active=demo --server.port="$PORT" ${BENCH_PLATFORM_ARGS:-} > bench/target/platform-restart.log 2>&1 &
platform=$!
for _ in $(seq 1 1200); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.05
done
ready=$(date +%s%N)
restart=$(awk -v ms="$(( (ready - launched) / 1000000 ))" 'BEGIN { printf "%.1f", ms / 1000 }')

: > bench/target/bench-results.txt
echo "startupSeconds (fresh database, migrations included) $startup" | tee -a bench/target/bench-results.txt
echo "restartSeconds (populated database) $restart" | tee -a bench/target/bench-results.txt
echo "peakRssMegabytes $rss (-Xmx512m)" | tee -a bench/target/bench-results.txt
echo "outOfMemoryErrors $(grep -c "OutOfMemoryError" bench/target/platform.log || true)"
