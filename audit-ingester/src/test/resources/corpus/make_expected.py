#!/usr/bin/env python3
"""Writes expected.jsonl, the table CorpusReplayTest checks every corpus record against.

It is an independent implementation of the documented mapping (README.md of the module,
"Formats"), written from the documentation and not from the Java code, so that the replay test
compares two implementations. Run it from this directory after changing the corpus or the
documented mapping:  python3 make_expected.py
"""
import glob
import hashlib
import json
import re

TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$")
AKS_CATEGORIES = {"kube-audit", "kube-audit-admin"}
GRPC_TO_HTTP = {1: 499, 3: 400, 9: 400, 11: 400, 4: 504, 5: 404, 6: 409, 10: 409, 7: 403,
                8: 429, 12: 501, 14: 503, 16: 401}


class Refused(Exception):
    def __init__(self, reason, field=None):
        super().__init__(reason)
        self.reason = reason
        self.field = field


def text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def time_of(value):
    return value if isinstance(value, str) and TIME.match(value.strip()) else None


def native(event, fmt, fallback_time=None):
    """The normalised fields of a native audit Event, or Refused."""
    if not isinstance(event, dict):
        raise Refused("invalid-event")
    kind = text(event.get("kind"))
    if kind is not None and kind != "Event":
        raise Refused("unsupported-kind")
    api_version = text(event.get("apiVersion"))
    if api_version is not None and not api_version.startswith("audit.k8s.io/"):
        raise Refused("unsupported-api-version")
    for field in ("auditID", "stage", "verb"):
        value = event.get(field)
        if value is None or value == "":
            raise Refused("missing-field", field)
        if not isinstance(value, str):
            raise Refused("invalid-field", field)
    user = event.get("user")
    if user is None:
        raise Refused("missing-field", "user")
    if not isinstance(user, dict):
        raise Refused("invalid-field", "user")
    ref = event.get("objectRef")
    if ref is not None and not isinstance(ref, dict):
        raise Refused("invalid-field", "objectRef")
    event_time = None
    for field in ("stageTimestamp", "requestReceivedTimestamp", "timestamp"):
        event_time = time_of(event.get(field))
        if event_time:
            break
    code = (event.get("responseStatus") or {}).get("code") if isinstance(
        event.get("responseStatus"), dict) else None
    return {
        "id": event["auditID"] + "/" + event["stage"],
        "verb": event["verb"],
        "user": text(user.get("username")) or "",
        "objectRef": None if ref is None else {
            k: text(ref.get(k)) for k in
            ("resource", "namespace", "name", "subresource", "apiGroup", "apiVersion")},
        "eventTime": event_time or fallback_time or "ingest",
        "responseCode": code if isinstance(code, int) and not isinstance(code, bool) else None,
        "intakeFormat": fmt,
    }


def gke(entry, raw):
    payload = entry["protoPayload"]
    if not isinstance(payload, dict):
        raise Refused("invalid-event")
    service = payload.get("serviceName")
    method = payload.get("methodName")
    if payload.get("@type") not in (None, "type.googleapis.com/google.cloud.audit.AuditLog"):
        raise Refused("unsupported-record")
    if service != "k8s.io" and not (isinstance(method, str) and method.startswith("io.k8s.")):
        raise Refused("unsupported-record")
    resource_name = payload.get("resourceName") or None
    if resource_name is None:
        infos = payload.get("authorizationInfo") or [{}]
        resource_name = infos[0].get("resource") or None
    segments = method[len("io.k8s."):].split(".") if method else None
    non_resource = segments is not None and len(segments) < 3
    ref = None
    if resource_name and not resource_name.startswith("/"):
        parts = resource_name.split("/")
        if len(parts) >= 3:
            rest = parts[2:]
            ref = {}
            if rest[0] == "namespaces" and len(rest) >= 3 and rest[2] not in ("status", "finalize"):
                ref["resource"], ref["namespace"] = rest[2], rest[1]
                ref["name"] = rest[3] if len(rest) > 3 and rest[3] else None
                ref["subresource"] = rest[4] if len(rest) > 4 and rest[4] else None
            else:
                ref["resource"], ref["namespace"] = rest[0], None
                ref["name"] = rest[1] if len(rest) > 1 and rest[1] else None
                ref["subresource"] = rest[2] if len(rest) > 2 and rest[2] else None
            ref["apiGroup"] = None if parts[0] == "core" else parts[0]
            ref["apiVersion"] = parts[1]
    streaming = ref is not None and ref["subresource"] in ("exec", "attach")
    verb = None if method is None else ("get" if non_resource else segments[-1])
    principal = (payload.get("authenticationInfo") or {}).get("principalEmail")
    audit_id = entry.get("insertId") or (entry.get("operation") or {}).get("id") \
        or "gke-" + hashlib.sha256(raw).hexdigest()[:32]
    status = payload.get("status")
    code = None
    if isinstance(status, dict):
        grpc = status.get("code", 0)
        code = (101 if streaming else 201 if verb == "create" else 200) if grpc == 0 \
            else GRPC_TO_HTTP.get(grpc, 500)
    if verb is None:
        raise Refused("missing-field", "verb")
    if not principal:
        raise Refused("missing-field", "user")
    stage = "ResponseStarted" if streaming else "ResponseComplete"
    return {
        "id": audit_id + "/" + stage,
        "verb": verb,
        "user": principal,
        "objectRef": None if (ref is None or non_resource) else ref,
        "eventTime": time_of(entry.get("timestamp")) or time_of(entry.get("receiveTimestamp"))
                     or "ingest",
        "responseCode": code,
        "intakeFormat": "gke",
    }


def aks(record):
    category = record.get("category")
    log = (record.get("properties") or {}).get("log") if isinstance(
        record.get("properties"), dict) else None
    if (category is not None and category not in AKS_CATEGORIES) or log is None:
        raise Refused("unsupported-record")
    if isinstance(log, str):
        try:
            log = json.loads(log)
        except ValueError:
            raise Refused("malformed-json")
    if not isinstance(log, dict):
        raise Refused("invalid-event")
    return native(log, "aks", time_of(record.get("time")))


def line(record, raw):
    if isinstance(record, dict) and "protoPayload" in record:
        return gke(record, raw)
    if isinstance(record, dict) and ("category" in record or (
            isinstance(record.get("properties"), dict) and "log" in record["properties"])):
        return aks(record)
    return native(record, "ndjson")


def lines_of(path):
    """(line number, record bytes) of a corpus file, as the replay test sends them."""
    with open(path, "rb") as f:
        content = f.read()
    for number, raw in enumerate(content.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        if not raw.strip():
            continue
        if "panther-rule-tests/" in path:
            log = json.loads(raw)["log"]
            raw = json.dumps(log, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        yield number, raw


def main():
    files = sorted(glob.glob("falco-trace-files/*.json") + glob.glob("audit2rbac/*.log")
                   + glob.glob("panther-rule-tests/*.jsonl"))
    with open("expected.jsonl", "w") as out:
        for path in files:
            for number, raw in lines_of(path):
                row = {"file": path, "line": number}
                try:
                    row.update(line(json.loads(raw), raw))
                except Refused as refused:
                    row["deadLetter"] = refused.reason
                    if refused.field:
                        row["field"] = refused.field
                out.write(json.dumps(row, separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
