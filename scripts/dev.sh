#!/usr/bin/env bash
# One entry point for people and CI: sets everything up, then runs a verb.
#   bash scripts/dev.sh serve   set up, build and serve the site on http://127.0.0.1:8000/
#   bash scripts/dev.sh test    set up (Chromium included) and run every test
#   bash scripts/dev.sh build   set up and build site/
#   bash scripts/dev.sh check   set up and check every catalog
#   bash scripts/dev.sh setup   only set up .venv
#   bash scripts/dev.sh bench   set up, build, and run every benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

say() { printf '%s\n' "$*" >&2; }
as_root() { [ "$(id -u)" = 0 ]; }

need_python() {
  if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "Python 3.11 or newer is needed as python3 (Debian: apt-get install python3 python3-venv)."
    exit 1
  fi
}

setup_venv() {
  need_python
  if [ ! -x .venv/bin/python ]; then
    if ! python3 -m venv .venv 2>/dev/null; then
      rm -rf .venv
      if as_root && command -v apt-get >/dev/null; then
        say "Installing python3-venv from Debian's packages..."
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv .venv
      else
        say "python3 cannot create a virtual environment: install python3-venv (sudo apt-get install python3-venv)."
        exit 1
      fi
    fi
  fi
  # Reinstall only when the declared dependencies changed.
  local stamp=.venv/.installed
  if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    say "Installing the project and its dependencies into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
    cp pyproject.toml "$stamp"
  fi
}

setup_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  if as_root && command -v apt-get >/dev/null; then
    say "Installing Chromium from Debian's packages for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    say "The browser tests need Debian's Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'."
    exit 1
  fi
}

# axe-core for the accessibility tests (Lighthouse for the page benchmark comes through npx).
setup_node() {
  if ! command -v npm >/dev/null; then
    if as_root && command -v apt-get >/dev/null; then
      say "Installing Node.js and npm from Debian's packages..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      say "The accessibility tests need Node.js and npm: run 'sudo apt-get install nodejs npm'."
      exit 1
    fi
  fi
  local stamp=node_modules/.installed
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    say "Installing the browser tools from the npm registry..."
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

verb=${1:-}
shift || true
case "$verb" in
  serve) setup_venv; exec .venv/bin/python scripts/build.py serve "$@" ;;
  build) setup_venv; exec .venv/bin/python scripts/build.py "$@" ;;
  check) setup_venv; exec .venv/bin/python scripts/l10n.py check "$@" ;;
  setup) setup_venv ;;
  test)  setup_venv; setup_chromium; setup_node; exec .venv/bin/python -m pytest "$@" ;;
  bench) setup_venv; setup_chromium; setup_node
         SITE_URL=http://127.0.0.1:8765/kb/ .venv/bin/python scripts/build.py
         .venv/bin/python scripts/bench_build.py
         .venv/bin/python scripts/bench_search.py
         exec .venv/bin/python scripts/bench_pages.py ;;
  *) say "usage: bash scripts/dev.sh serve|test|build|check|setup|bench"; exit 2 ;;
esac
