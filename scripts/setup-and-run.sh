#!/usr/bin/env bash
# The README's set-up commands: `bash scripts/setup-and-run.sh examples` and `bash scripts/setup-and-run.sh test`.
# On a fresh Debian machine with only Node.js 20 and npm it installs what is missing — the pinned pnpm (from the
# `packageManager` field), MariaDB's server from Debian's packages (the test harness starts a private instance of
# it; skipped when MATRIXONE_URL or TEST_DATABASE_URL names a server) and the dependencies from the lockfile —
# then runs `pnpm examples` or `pnpm test`. Already-installed pieces are left alone, so it is cheap to run again.
set -euo pipefail

case "${1:-}" in
  examples | test) task="$1" ;;
  *)
    echo "usage: bash scripts/setup-and-run.sh examples|test" >&2
    exit 2
    ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

pnpm_version="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$pnpm_version" ]; then
  echo "[setup] installing pnpm ${pnpm_version}" >&2
  if [ -w "$(npm prefix -g)" ]; then
    npm install -g "pnpm@${pnpm_version}"
  else
    as_root npm install -g "pnpm@${pnpm_version}"
  fi
  hash -r
fi

# MariaDB is needed unless MATRIXONE_URL or TEST_DATABASE_URL names a server; even then the reliability tests
# start a second private MariaDB to restart it, so it is installed wherever Debian's packages can be had.
if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing mariadb-server from Debian's packages" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server
  elif [ -z "${MATRIXONE_URL:-}" ] && [ -z "${TEST_DATABASE_URL:-}" ]; then
    echo "[setup] install MariaDB's server (mariadbd), or set MATRIXONE_URL or TEST_DATABASE_URL" >&2
    exit 1
  fi
fi

pnpm install --frozen-lockfile
exec pnpm "$task"
