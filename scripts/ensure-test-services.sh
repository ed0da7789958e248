#!/usr/bin/env bash
# Makes sure what the test suite talks to is here: Debian's Chromium with Chinese
# fonts (browser tests) and a Redis server on 127.0.0.1:6379 (BullMQ tests).
# Idempotent; installs with apt only what is missing.
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy" || need_apt+=(fonts-wqy-microhei)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "Starting Redis on 127.0.0.1:6379…"
  redis-server --bind 127.0.0.1 --port 6379 --save "" --appendonly no --daemonize yes
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.1; done
fi
