# PostgreSQL for the team-mode store tests (issue 18), sourced by .ci/run.
#
# Installs Debian's postgresql where no server binaries are found, starts a
# private server in a temporary folder on a loopback port as an unprivileged
# user (PostgreSQL refuses to run as root, and CI runs as root), exports
# DXDASH_TEST_PG_DSN for the tests, and stops the server and removes the
# folder when the sourcing script exits. Tuned for speed, not durability:
# the data is thrown away.
#
# By hand:  source .ci/postgres.sh; go test ./store/ -run Postgres

dxdash_pg_bin() {
  # Debian keeps the binaries under /usr/lib/postgresql/<version>/bin; some
  # machines link them into the PATH as well.
  local d
  if d=$(command -v initdb 2>/dev/null) && [ -x "$(dirname "$d")/pg_ctl" ]; then
    dirname "$d"; return 0
  fi
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

dxdash_pg_start() {
  local bin dir user port pass try
  bin=$(dxdash_pg_bin) || true
  if [ -z "$bin" ]; then
    echo "PostgreSQL: installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    bin=$(dxdash_pg_bin) || { echo "PostgreSQL: no initdb after installing" >&2; return 1; }
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/dxdash-pg.XXXXXX")
  DXDASH_PG_DIR=$dir
  # The server runs as an unprivileged user: nobody when we are root.
  as=()
  if [ "$(id -u)" = 0 ]; then
    user=nobody
    chown "$user" "$dir"
    as=(runuser -u "$user" --)
  fi
  DXDASH_PG_AS=("${as[@]}")
  pass=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$pass" >"$dir/pw"
  [ -n "${user:-}" ] && chown "$user" "$dir/pw"
  # From the temporary folder: the unprivileged user may not enter ours.
  (cd "$dir" && "${as[@]}" "$bin/initdb" -D "$dir/data" -U dxdash --pwfile="$dir/pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1) ||
    { cat "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pw"
  # A random loopback port; another one if that one is taken.
  for try in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    if (cd "$dir" && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null); then
      DXDASH_PG_BINDIR=$bin
      export DXDASH_TEST_PG_DSN="postgres://dxdash:$pass@127.0.0.1:$port/postgres?sslmode=disable"
      echo "PostgreSQL: $("$bin/postgres" --version) on 127.0.0.1:$port, data in $dir"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  return 1
}

dxdash_pg_stop() {
  if [ -n "${DXDASH_PG_BINDIR:-}" ]; then
    (cd "$DXDASH_PG_DIR" && "${DXDASH_PG_AS[@]}" "$DXDASH_PG_BINDIR/pg_ctl" -D "$DXDASH_PG_DIR/data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  [ -n "${DXDASH_PG_DIR:-}" ] && rm -rf "$DXDASH_PG_DIR"
  DXDASH_PG_BINDIR= DXDASH_PG_DIR=
}

# .ci/run has no other EXIT trap; one added later should call dxdash_pg_stop too.
trap dxdash_pg_stop EXIT
dxdash_pg_start
