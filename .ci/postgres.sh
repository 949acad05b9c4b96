#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the PostgreSQL ledger tests.
#   .ci/postgres.sh start   installs Debian's postgresql if missing, initdb's a
#                           cluster in a temporary directory (as the `postgres`
#                           user: initdb and the server refuse to run as root),
#                           starts it on 127.0.0.1 at a free port, and prints
#                           `export ISNAD_TEST_POSTGRES=postgres://...`
#   .ci/postgres.sh stop DIR  stops the cluster started in DIR and removes it.
# The URL names a superuser: the tests create one database each, and the
# tamper test disables the append-only trigger as a superuser would.
set -euo pipefail

pgbin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$d" ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  printf '%s' "$d"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    BIN=$(pgbin)
    DIR=$(mktemp -d /tmp/isnad-pg.XXXXXX)
    if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=100" start >&2 \
      || { cat "$DIR/server.log" >&2; exit 1; }
    echo "export ISNAD_TEST_POSTGRES=postgres://postgres@127.0.0.1:$PORT/postgres"
    echo "export ISNAD_TEST_POSTGRES_DIR=$DIR"
    ;;
  stop)
    DIR=${2:?usage: postgres.sh stop DIR}
    BIN=$(pgbin)
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
