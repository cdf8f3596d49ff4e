#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (no browser download by
# Playwright); fails loudly if it cannot be installed.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}
if [ ! -x "$CHROMIUM" ]; then
  echo "Chromium fehlt: installiere Debians Paket chromium mit apt-get …"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if ! "$CHROMIUM" --version >/dev/null 2>&1; then
  echo "FEHLER: $CHROMIUM lässt sich nicht starten – die Browser-Tests können nicht laufen." >&2
  exit 1
fi
echo "Chromium bereit: $("$CHROMIUM" --version)"
