#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the PostgreSQL ledger tests.
#   .ci/postgres.sh start   installs Debian's postgresql if missing, initdb's a
#                           cluster in a temporary directory (as the `postgres`
#                           user: initdb and the server refuse to run as root),
#                           starts it on 127.0.0.1 at a free port with TLS on
#                           (a throwaway CA and server certificate made with
#                           openssl in that directory), and prints
#                           `export ISNAD_TEST_POSTGRES=postgres://...` and
#                           the CA files (ISNAD_TEST_POSTGRES_CA, _OTHER_CA)
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
    # TLS for the sslmode tests: a throwaway CA signs the server's
    # certificate (for localhost and 127.0.0.1); a second CA signs nothing
    # here, to show that verify-full refuses a certificate it did not sign.
    command -v openssl >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >&2
    SSL="$DIR/ssl"
    mkdir -p "$SSL"
    {
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=isnad test CA" \
        -keyout "$SSL/ca.key" -out "$SSL/ca.crt"
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=isnad other CA" \
        -keyout "$SSL/other-ca.key" -out "$SSL/other-ca.crt"
      openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$SSL/server.key" -out "$SSL/server.csr"
      printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$SSL/san.ext"
      openssl x509 -req -in "$SSL/server.csr" -CA "$SSL/ca.crt" -CAkey "$SSL/ca.key" \
        -CAcreateserial -days 2 -extfile "$SSL/san.ext" -out "$SSL/server.crt"
    } >"$DIR/openssl.log" 2>&1 || { cat "$DIR/openssl.log" >&2; exit 1; }
    chmod 600 "$SSL/server.key"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$SSL"; fi
    chmod 755 "$SSL"; chmod 644 "$SSL/ca.crt" "$SSL/other-ca.crt"
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=100 -c ssl=on -c ssl_cert_file=$SSL/server.crt -c ssl_key_file=$SSL/server.key" start >&2 \
      || { cat "$DIR/server.log" >&2; exit 1; }
    echo "export ISNAD_TEST_POSTGRES=postgres://postgres@127.0.0.1:$PORT/postgres"
    echo "export ISNAD_TEST_POSTGRES_DIR=$DIR"
    echo "export ISNAD_TEST_POSTGRES_CA=$SSL/ca.crt"
    echo "export ISNAD_TEST_POSTGRES_OTHER_CA=$SSL/other-ca.crt"
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
