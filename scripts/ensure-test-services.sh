#!/usr/bin/env bash
# Makes sure what the test suite talks to is here: Debian's Chromium with Chinese
# fonts (browser tests), a Redis server on 127.0.0.1:6379 (BullMQ tests) and a
# PostgreSQL server on 127.0.0.1:5432 that trusts the user postgres (`npm run test:pg`,
# docs/decisions/100-postgresql.md). Idempotent; installs with apt only what is missing,
# and starts a server only when nothing listens on its port (these machines may already
# run one).
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "wqy" || need_apt+=(fonts-wqy-microhei)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! listening 5432 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then need_apt+=(postgresql)
# pg_dump/pg_restore for `npm run cli -- backup|restore` on PostgreSQL, when a server runs but the client tools are missing
elif ! command -v pg_dump >/dev/null 2>&1 || ! command -v pg_restore >/dev/null 2>&1; then need_apt+=(postgresql-client); fi
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

if ! listening 5432; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  echo "Starting PostgreSQL ${version} on 127.0.0.1:5432…"
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^${version} main"; then
    pg_createcluster "${version}" main -- --auth-host=trust --auth-local=trust >/dev/null
  fi
  # The test databases belong to this machine only: trust local connections (user postgres, no password).
  sed -i -E 's/(scram-sha-256|md5|peer)$/trust/' "/etc/postgresql/${version}/main/pg_hba.conf"
  pg_ctlcluster "${version}" main start
  for _ in $(seq 1 100); do listening 5432 && break; sleep 0.1; done
fi
