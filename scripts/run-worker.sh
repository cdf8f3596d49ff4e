#!/usr/bin/env bash
# Keeps the background worker running for `make run`: if it ever ends (a crash, an OOM kill),
# it is started again after two seconds. Stops with the signal that stops this script.
set -u
BIN="${1:-.venv/bin}"
child=0
stop() { [ "$child" -gt 0 ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0; }
trap stop INT TERM
while true; do
  "$BIN/quartier" worker --no-reload --verbosity 0 &
  child=$!
  wait "$child"
  echo "Hintergrund-Worker beendet (Status $?), Neustart in 2 s" >&2
  sleep 2
done
