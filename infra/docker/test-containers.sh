#!/usr/bin/env bash
# The container test (`npm run test:containers`): builds every image, runs the whole
# stack with Compose and three comments replicas, and checks it through port 3000
# only. See infra/docker/container-test.mjs for the steps.
#
# In CI (CI=true) it prepares what a clean machine lacks: Docker's engine and Compose
# (infra/docker/ensure-docker-engine.sh) and, when the pinned official Node image
# cannot be pulled, a local equivalent built from the host's Node
# (infra/docker/build-local-node-image.sh), passed to the unchanged Dockerfiles as
# NODE_IMAGE. Outside CI it never installs anything: without a running Docker it says
# how to get one and fails.
#
# Environment: NODE_IMAGE (use this base image), COMPOSE ("docker compose" or
# "docker-compose"; default: v2 when present), BLOG_PORT (host port; default: a free one).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=infra/docker

docker_ready() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }
compose_ready() { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; }

if ! docker_ready || ! compose_ready; then
  if [[ "${CI:-}" == "true" ]]; then
    "$here/ensure-docker-engine.sh"
  else
    cat >&2 <<'HELP'
test:containers needs a running Docker engine and Docker Compose, and found none.
  - Docker Desktop, or Docker Engine with the Compose plugin: https://docs.docker.com/engine/install/
  - or, on Debian/Ubuntu as root, what CI does:  sudo infra/docker/ensure-docker-engine.sh
    (installs docker.io and docker-compose, starts dockerd)
Then run `npm run test:containers` again.
HELP
    exit 1
  fi
fi

if [[ -z "${COMPOSE:-}" ]]; then
  if docker compose version >/dev/null 2>&1; then COMPOSE="docker compose"; else COMPOSE="docker-compose"; fi
fi
export COMPOSE

# The base image: the caller's, else the Dockerfiles' pinned default when it is here or
# can be pulled, else one built from this machine's Node (no image registry reachable).
if [[ -z "${NODE_IMAGE:-}" ]]; then
  pinned="$(sed -n 's/^ARG NODE_IMAGE=//p' services/event-bus/Dockerfile)"
  if docker image inspect "$pinned" >/dev/null 2>&1 || timeout 300 docker pull "$pinned" >/dev/null 2>&1; then
    echo "== base image: $pinned"
  else
    echo "== base image: $pinned cannot be pulled here; building a local one from this machine's node"
    NODE_IMAGE="$("$here/build-local-node-image.sh")"
    export NODE_IMAGE
    echo "== base image: $NODE_IMAGE"
  fi
else
  export NODE_IMAGE
  echo "== base image: $NODE_IMAGE (from NODE_IMAGE)"
fi

echo "== compose: $COMPOSE ($($COMPOSE version --short 2>/dev/null || $COMPOSE version | head -n1))"
exec node "$here/container-test.mjs"
