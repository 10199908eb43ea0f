#!/usr/bin/env bash
# One entry point for people and CI: sets everything up, then runs a verb.
#   bash scripts/dev.sh serve        set up, build and serve the site on http://127.0.0.1:8000/kb/
#   bash scripts/dev.sh test [ARGS]  set up (a browser included), lint, and run every test (ARGS go to pytest)
#   bash scripts/dev.sh test -m "not slow"   the fast tier: sources, catalogs and checks, no build, no browser
#   bash scripts/dev.sh build        set up and build site/
#   bash scripts/dev.sh check        set up and check every catalog
#   bash scripts/dev.sh lint         set up and run ruff
#   bash scripts/dev.sh setup        only set up .venv from the lock
#   bash scripts/dev.sh lock         regenerate requirements/lock.txt from pyproject.toml (pip-compile)
#   bash scripts/dev.sh bench        set up, build, and run every benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
LOCK=requirements/lock.txt

say() { printf '%s\n' "$*" >&2; }
as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_python() {
  if ! python3 -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))' 2>/dev/null; then
    say "Python 3.11 to 3.13 is needed as python3 (Debian: apt-get install python3 python3-venv)."
    exit 1
  fi
}

# The environment is made from the lock and nothing else: every package at its locked version and
# hash, the project itself without resolving anything. A changed lock (or pyproject.toml) makes a
# new environment, so nothing a previous lock installed stays behind.
setup_venv() {
  need_python
  local stamp=.venv/.installed-from
  if [ -x .venv/bin/python ] && [ -f "$stamp" ] && cat "$LOCK" pyproject.toml | cmp -s - "$stamp"; then
    return
  fi
  rm -rf .venv
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if as_root && command -v apt-get >/dev/null; then
      say "Installing python3-venv from Debian's packages..."
      apt_install python3-venv
      python3 -m venv .venv
    else
      say "python3 cannot create a virtual environment: install python3-venv (sudo apt-get install python3-venv)."
      exit 1
    fi
  fi
  say "Installing the locked dependencies ($LOCK) into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$LOCK"
  # The project itself, editable (its MkDocs plugins are entry points); setuptools' notes on
  # editable installs are shown only if the install fails.
  local out
  if ! out=$(.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1); then
    printf '%s\n' "$out" >&2
    exit 1
  fi
  cat "$LOCK" pyproject.toml > "$stamp"
}

# A Chromium-based browser for the browser tests: tests/browser.py says which one it found, or
# what to install. Debian's chromium is installed when none is found and we may install it.
setup_browser() {
  if ! .venv/bin/python tests/browser.py >&2; then
    if as_root && command -v apt-get >/dev/null; then
      say "Installing Chromium from Debian's packages for the browser tests..."
      apt_install chromium
      .venv/bin/python tests/browser.py >&2
    else
      exit 1
    fi
  fi
  # Japanese pages need a CJK font, or screenshots show empty boxes.
  if command -v fc-list >/dev/null && ! fc-list :lang=ja | grep -q . && as_root && command -v apt-get >/dev/null; then
    say "Installing a CJK font (fonts-noto-cjk) for Japanese pages..."
    apt_install fonts-noto-cjk
  fi
}

# GNU gettext's msgfmt: the tests check that every catalog is one gettext accepts.
setup_gettext() {
  if command -v msgfmt >/dev/null; then return; fi
  if as_root && command -v apt-get >/dev/null; then
    say "Installing gettext from Debian's packages (msgfmt, for the catalog tests)..."
    apt_install gettext
  else
    say "The catalog tests need GNU gettext's msgfmt: run 'sudo apt-get install gettext'."
    exit 1
  fi
}

# axe-core for the accessibility tests (Lighthouse for the page benchmark comes through npx).
setup_node() {
  if ! command -v npm >/dev/null; then
    if as_root && command -v apt-get >/dev/null; then
      say "Installing Node.js and npm from Debian's packages..."
      apt_install nodejs npm
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

lint() { .venv/bin/ruff check --quiet etiquette_kb scripts tests; }

# pip-compile with only PyPI in view (no mirror or find-links from the machine's pip settings), so
# the hashes are PyPI's; the same command is written at the top of the lock, where Dependabot reads it.
lock() {
  env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
    .venv/bin/pip-compile --quiet \
    --generate-hashes --allow-unsafe --strip-extras --extra test --extra lock \
    --index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links \
    --output-file "$LOCK" pyproject.toml "$@"
}

verb=${1:-}
shift || true
case "$verb" in
  serve) setup_venv; exec .venv/bin/python scripts/build.py serve "$@" ;;
  build) setup_venv; exec .venv/bin/python scripts/build.py "$@" ;;
  check) setup_venv; exec .venv/bin/python scripts/l10n.py check "$@" ;;
  lint)  setup_venv; lint ;;
  setup) setup_venv ;;
  lock)  setup_venv; lock "$@"; say "Regenerated $LOCK; 'bash scripts/dev.sh setup' installs it." ;;
  test)  setup_venv; setup_browser; setup_node; setup_gettext; lint
         exec .venv/bin/python -m pytest "$@" ;;
  bench) setup_venv; setup_browser; setup_node
         SITE_URL=http://127.0.0.1:8765/kb/ .venv/bin/python scripts/build.py
         .venv/bin/python scripts/bench_build.py
         .venv/bin/python scripts/bench_search.py
         exec .venv/bin/python scripts/bench_pages.py ;;
  *) say "usage: bash scripts/dev.sh serve|test|build|check|lint|setup|lock|bench"; exit 2 ;;
esac
