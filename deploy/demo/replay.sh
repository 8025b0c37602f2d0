#!/bin/sh
# Replays all-in-one's built-in attack (all-in-one/src/main/resources/demo, mounted at /demo) against
# the running services, in the order and with the timing DemoAttack uses: the admission review first
# (its decision time is the anchor A), then both audit events (binding at A - 60 s, exec at A), then the
# Falco alert (A + 250 ms). POSIX sh + curl + sed + date, as in the curlimages/curl image.
# DEMO_DIR (default /demo) and TMPDIR (default /tmp) let deploy-tests' ComposeDemoIT run it outside a
# container.
set -eu

GATEWAY="${GATEWAY_URL:-http://admission-gateway:8080}"
AUDIT="${AUDIT_URL:-http://audit-ingester:8081}"
RUNTIME="${RUNTIME_URL:-http://runtime-ingester:8082}"
DEMO="${DEMO_DIR:-/demo}"
TMP="${TMPDIR:-/tmp}"

run="$(date -u +%s)-$$"
uuid() { # a version-4-shaped id, unique per run and step
  printf '%08x-%04x-4%03x-8%03x-%012x' "$(date -u +%s)" "$$" "$1" "$1" "$(( $(date -u +%s) * 1000 + $1 ))"
}

post() { # description, url, body file
  code="$(curl -sS -o "${TMP}/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$3" "$2")"
  echo "$1  -> HTTP ${code}"
  if [ "${code}" != "200" ]; then
    cat "${TMP}/answer"; echo
    exit 1
  fi
}

sed -e "s/{{admissionUid}}/$(uuid 1)/" "${DEMO}/admission-review.json" > "${TMP}/admission.json"
post "admission: alice is refused a privileged pod shop/debug-root" "${GATEWAY}/validate" "${TMP}/admission.json"

# The anchor: the next whole second after the admission decision, so the exec follows the refusal.
anchor=$(( $(date -u +%s) + 1 ))
stamp() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S; }
sed -e "s/{{bindingAuditId}}/$(uuid 2)/" -e "s/{{execAuditId}}/$(uuid 3)/" \
    -e "s/{{tBinding}}/$(stamp $(( anchor - 60 ))).000000Z/" -e "s/{{tExec}}/$(stamp "${anchor}").000000Z/" \
    "${DEMO}/audit-events.json" > "${TMP}/audit.json"
post "audit: alice bound cluster-admin a minute ago, now execs into shop/web-7d9f" "${AUDIT}/v1/audit" "${TMP}/audit.json"

sed -e "s/{{tShellClock}}/$(date -u -d "@${anchor}" +%H:%M:%S).250000995/" \
    -e "s/{{tShell}}/$(stamp "${anchor}").250000995Z/" \
    -e "s/{{tShellEpochNanos}}/${anchor}250000995/" \
    "${DEMO}/falco-alert.json" > "${TMP}/falco.json"
post "runtime: Falco sees a terminal shell in shop/web-7d9f" "${RUNTIME}/v1/falco" "${TMP}/falco.json"

echo "replayed (run ${run}); the incident arrives at the demo inbox: docker compose logs -f demo-inbox"
