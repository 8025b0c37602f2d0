#!/bin/bash
# Builds the five palisade/<service> images from the jars of `./mvnw -B package -DskipTests`,
# reproducibly: the jars have a fixed timestamp (project.build.outputTimestamp), the image files get
# SOURCE_DATE_EPOCH (the commit time) through BuildKit's rewrite-timestamp. Needs Docker with buildx.
# Usage: deploy/images/build.sh [tag]    (tag defaults to the Maven version without -SNAPSHOT)
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
tag="${1:-${version%-SNAPSHOT}}"
revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || echo 1767225600)"
created="$(date -u -d "@${SOURCE_DATE_EPOCH}" +%Y-%m-%dT%H:%M:%SZ)"
for service in admission-gateway audit-ingester runtime-ingester correlation-engine alert-notifier; do
  docker buildx build -f deploy/images/Dockerfile \
    --build-arg SERVICE="${service}" --build-arg VERSION="${version}" \
    --build-arg REVISION="${revision}" --build-arg CREATED="${created}" \
    --output "type=docker,name=palisade/${service}:${tag},rewrite-timestamp=true" .
done
