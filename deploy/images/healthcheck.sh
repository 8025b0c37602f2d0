#!/bin/bash
# Container health check without curl or wget: GET http://127.0.0.1:<port><path> over bash's /dev/tcp
# and succeed only on HTTP 200 with "status":"UP" in the body (Spring Boot's health groups).
# Usage: healthcheck <port> [path]   (path defaults to /actuator/health/readiness)
set -euo pipefail
port="${1:?usage: healthcheck <port> [path]}"
path="${2:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "${path}" >&3
response="$(timeout 5 cat <&3)"
exec 3<&-
case "${response}" in
  "HTTP/1."?" 200"*'"status":"UP"'*) exit 0 ;;
  *) echo "unhealthy: ${response%%$'\r'*}" >&2; exit 1 ;;
esac
