#!/usr/bin/env bash
# Install everything the tests need on a new machine, then run them.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages, from Debian: LibreOffice and fonts (word-processor PDFs for the PDF tests,
# legacy Word/Excel files converted),
# Chromium (the report test opens the HTML report in a browser with the network blocked).
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer fonts-liberation"
# Calc: the legacy .xls/.ods tests convert workbooks with it (they are skipped without it)
dpkg -s libreoffice-calc >/dev/null 2>&1 || missing="$missing libreoffice-calc"
command -v chromium >/dev/null 2>&1 || [ -n "${ANNEX_CHROMIUM:-}" ] || missing="$missing chromium"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# Two workers (CI has 2 cores); --dist loadfile keeps each test module on one worker, so a
# module's fixtures (a published sample, PDFs drawn once) are made once. ANNEX_TEST_WORKERS=0: serial.
exec .venv/bin/python -m pytest -n "${ANNEX_TEST_WORKERS:-2}" --dist loadfile "$@"
