#!/usr/bin/env bash
# Makes a Docker engine and a Compose available on this machine, or fails saying why.
#
# Why it exists: CI machines for this project start without Docker. As root, this
# installs Debian's docker.io and docker-compose (Compose 1.29) when they are missing,
# starts dockerd in the background when it is not running (log: $DOCKERD_LOG), and
# waits until `docker info` answers. Run it by hand to get the same engine locally:
#   sudo infra/docker/ensure-docker-engine.sh
set -euo pipefail

dockerd_log="${DOCKERD_LOG:-/var/log/dockerd.log}"

engine_answers() { docker info >/dev/null 2>&1; }
compose_available() { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers && compose_available; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "ensure-docker-engine: installing and starting Docker needs root (try: sudo $0)" >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 || ! compose_available; then
  echo "== installing Debian's docker.io and docker-compose"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose >/dev/null
fi

# A dockerd that is still starting or stopping holds the pid file: wait for it to
# answer or to exit, then start a new one only if none answers.
pid_file=/var/run/docker.pid
if ! engine_answers && [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "== waiting for the dockerd already running (pid $(cat "$pid_file"))"
  for _ in $(seq 1 60); do
    engine_answers && break
    [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null || break
    sleep 1
  done
fi
if ! engine_answers && [[ -f "$pid_file" ]] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  rm -f "$pid_file" # left by a dockerd that is gone
fi

if ! engine_answers; then
  echo "== starting dockerd (log: $dockerd_log)"
  nohup dockerd >>"$dockerd_log" 2>&1 &
  for _ in $(seq 1 60); do
    engine_answers && break
    sleep 1
  done
  if ! engine_answers; then
    echo "ensure-docker-engine: dockerd did not answer within 60 s; last lines of $dockerd_log:" >&2
    tail -n 30 "$dockerd_log" >&2
    exit 1
  fi
fi
echo "== docker engine $(docker version --format '{{.Server.Version}}') is running"
