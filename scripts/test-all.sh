#!/usr/bin/env bash
# The whole test suite — `npm test` — exactly what CI runs (.ci/run). It installs what it needs:
# node_modules (npm ci), Debian's Chromium for the browser tests, the generated test model; then
# typecheck, lint, unit tests, a production build, API and browser tests against a real server.
set -euo pipefail
cd "$(dirname "$0")/.."

export ONNXRUNTIME_NODE_INSTALL=skip NEXT_TELEMETRY_DISABLED=1
PORT="${TEST_PORT:-3217}"
BASE_URL="http://127.0.0.1:${PORT}"
passed=0
failed=0

step() { printf '\n=== %s\n' "$*"; }
run_suite() {
  local name=$1; shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ]; then
  step "installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

step "test model"
npx tsx scripts/make-test-model.ts

run_suite typecheck npx tsc --noEmit -p .
run_suite lint npx biome check .
run_suite "unit tests" npx vitest run

step "production build"
npx next build

step "starting the server on the test model (port ${PORT})"
SERVER_LOG=$(mktemp)
# A fresh persistent vector cache each run: the tests exercise it, but vectors from an earlier run
# would turn "embedded" into "cached" (no progress events, other counts).
DISK_CACHE_DIR="$(mktemp -d)/vectors" MODEL_DIR=models/qwen3-embedding-test PORT="$PORT" HOSTNAME=127.0.0.1 \
  node scripts/serve.mjs >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "$BASE_URL/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$SERVER_LOG"; exit 1; fi
  sleep 0.5
done
curl -fsS "$BASE_URL/api/health" || { cat "$SERVER_LOG"; exit 1; }
echo

export BASE_URL SERVER_URL="$BASE_URL"
run_suite "API tests" npx vitest run --config vitest.api.config.ts
run_suite "browser tests" npx playwright test

kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
if grep -q "unhandledRejection\|uncaughtException" "$SERVER_LOG"; then
  echo "The server logged an unhandled error:"; grep -n -A5 "unhandledRejection\|uncaughtException" "$SERVER_LOG"; failed=$((failed + 1))
fi

echo
echo "suites: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
