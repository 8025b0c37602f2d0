"""Benign background traffic for ScenarioTest: 40 minutes of a quiet production cluster.

Regenerate with: python3 generate.py <this folder>   (writes audit.jsonl, admission.jsonl, falco.jsonl)
Shapes follow the audit events of falcosecurity/falco's k8s_audit trace files and the Falco alerts
of the falco-website (see ../README.md); names, users and times are made up.
"""
import sys, os, json, uuid, hashlib, datetime as dt

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
BASE = dt.datetime(2026, 11, 20, 8, 0, 0)
K = "v1.30.2 (linux/amd64) kubernetes/3968350"
audit_, admission_, falco_ = [], [], []

def uid(seed): return str(uuid.UUID(hashlib.md5(("benign/" + seed).encode()).hexdigest()))
def t(s): return BASE + dt.timedelta(seconds=s)
def ts(x): return x.strftime('%Y-%m-%dT%H:%M:%S.') + '%06dZ' % x.microsecond

def user(name, groups=("system:authenticated",), extra=None):
    u = {"username": name, "groups": list(groups)}
    if extra: u["extra"] = extra
    return u

def sa(ns, name, pod=None, node=None):
    u = user(f"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"])
    u["uid"] = uid("sa/" + ns + name)
    if pod:
        u["extra"] = {"authentication.kubernetes.io/node-name": [node], "authentication.kubernetes.io/pod-name": [pod],
                      "authentication.kubernetes.io/pod-uid": [uid("pod/" + pod)], "authentication.kubernetes.io/credential-id": ["JTI=" + uid("jti/" + pod)]}
    return u

CM = user("system:kube-controller-manager"); SCHED = user("system:kube-scheduler")
def node_user(n): return user("system:node:" + n, ["system:nodes", "system:authenticated"])
NODES = {"worker-a1": "10.0.1.11", "worker-a2": "10.0.1.12", "worker-a3": "10.0.1.13"}
CP = "10.0.0.12"

def A(s, seed, u, verb, resource, ns=None, name=None, sub=None, group="", code=200, ip=CP, ua=None, req=None, level="Metadata", uri=None, stage="ResponseComplete"):
    prefix = f"/apis/{group}/v1" if group else "/api/v1"
    if uri is None:
        uri = prefix + (f"/namespaces/{ns}" if ns else "") + f"/{resource}"
        if name and (verb != "create" or sub): uri += "/" + name
        if sub: uri += "/" + sub
        if verb == "watch": uri += "?allowWatchBookmarks=true&resourceVersion=48213001&timeout=8m43s&timeoutSeconds=523&watch=true"
    ref = {"resource": resource, "apiVersion": "v1"}
    if ns: ref["namespace"] = ns
    if name: ref["name"] = name
    if group: ref["apiGroup"] = group
    if sub: ref["subresource"] = sub
    e = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Request" if req else level, "auditID": uid(seed), "stage": stage,
         "requestURI": uri, "verb": verb, "user": u, "sourceIPs": [ip], "userAgent": ua or "kubectl/" + K, "objectRef": ref,
         "responseStatus": {"metadata": {}, "code": code}}
    if req: e["requestObject"] = req
    x = t(s)
    e["requestReceivedTimestamp"] = ts(x - dt.timedelta(milliseconds=7)); e["stageTimestamp"] = ts(x)
    e["annotations"] = {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": ""}
    audit_.append(e)

def M(s, seed, u, op, kind, resource, ns, name, obj, group="", violations=(), owner=None, images=()):
    d = {"id": uid(seed), "eventTime": t(s).strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (t(s).microsecond // 1000), "operation": op, "group": group,
         "version": "v1", "kind": kind, "resource": resource, "namespace": ns, "name": name, "user": u, "allowed": True,
         "violations": list(violations), "warnings": [], "object": obj, "images": list(images), "evaluationMicros": 140}
    if owner: d["owner"] = owner
    if violations: d["mode"] = "audit"
    admission_.append(d)

def F(s, rule, priority, tags, host, fields, message, source="syscall"):
    x = t(s)
    f = dict(fields); f["evt.time"] = int(x.replace(tzinfo=dt.timezone.utc).timestamp()) * 10**9 + x.microsecond * 1000
    falco_.append({"hostname": host, "output": f"{x.strftime('%H:%M:%S')}.{x.microsecond * 1000:09d}: {priority} {message}",
                   "output_fields": f, "priority": priority, "rule": rule, "source": source, "tags": tags,
                   "time": x.strftime('%Y-%m-%dT%H:%M:%S.') + '%09dZ' % (x.microsecond * 1000)})

# leases (every two minutes here, every ten seconds in a real cluster): kubelets renew node leases,
# controller-manager and scheduler renew leader leases
for i in range(0, 40, 2):
    for j, (node, ip) in enumerate(NODES.items()):
        A(i * 60 + 3 + j * 7.1, f"lease/{node}/{i}", node_user(node), "update", "leases", "kube-node-lease", node,
          group="coordination.k8s.io", ip=ip, ua="kubelet/" + K)
    A(i * 60 + 1.5, f"lease/kcm/{i}", CM, "update", "leases", "kube-system", "kube-controller-manager", group="coordination.k8s.io",
      ua="kube-controller-manager/" + K + "/leader-election")
    A(i * 60 + 2.2, f"lease/sched/{i}", SCHED, "update", "leases", "kube-system", "kube-scheduler", group="coordination.k8s.io",
      ua="kube-scheduler/" + K + "/leader-election")
    if i % 4 == 0:  # node status and load-balancer health checks
        for node, ip in NODES.items():
            A(i * 60 + 20, f"status/{node}/{i}", node_user(node), "patch", "nodes", None, node, sub="status", ip=ip, ua="kubelet/" + K)
        A(i * 60 + 30, f"readyz/{i}", user("system:anonymous", ["system:unauthenticated"]), "get", "readyz", uri="/readyz", ip="10.0.0.5",
          ua="ELB-HealthChecker/2.0")
        audit_[-1].pop("objectRef")

# controllers watching and listing
for i, (res, grp) in enumerate([("pods", ""), ("deployments", "apps"), ("replicasets", "apps"), ("endpointslices", "discovery.k8s.io"), ("nodes", "")]):
    A(40 + i, f"watch/kcm/{res}", CM, "watch", res, group=grp, ua="kube-controller-manager/" + K + "/shared-informers")
A(47, "watch/sched/pods", SCHED, "watch", "pods", ua="kube-scheduler/" + K + "/scheduler")
for i in range(8):
    A(90 + i * 290, f"coredns/{i}", sa("kube-system", "coredns", "coredns-76f75df574-8hq2z", "worker-a1"), "list", "endpointslices",
      group="discovery.k8s.io", ip="10.244.0.7", ua="coredns/v1.11.1 (linux/amd64) kubernetes/ae2bbc2")
    A(95 + i * 290, f"prom/{i}", sa("monitoring", "prometheus-k8s", "prometheus-k8s-0", "worker-a2"), "list", "pods", "shop", ip="10.244.2.31",
      ua="prometheus/v2.54.1")

def rollout(s0, app, ns, rs_hash, old_hash, image, pods, who, seed):
    dep_patch = [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image}]
    A(s0, seed + "/patch", who, "patch", "deployments", ns, app, group="apps", ip="10.244.7.23",
      ua="argocd-application-controller/v2.11.3+8f4e5b3", req={"spec": {"template": {"spec": {"containers": [{"name": app, "image": image}]}}}})
    spec = {"serviceAccountName": app, "automountServiceAccountToken": False,
            "containers": [{"name": app, "image": image, "resources": {"limits": {"cpu": "1", "memory": "512Mi"}},
                            "securityContext": {"runAsNonRoot": True, "allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}}]}
    M(s0 - 0.01, seed + "/adm", who, "UPDATE", "Deployment", "deployments", ns, app,
      {"kind": "Deployment", "apiVersion": "apps/v1", "metadata": {"name": app, "namespace": ns}, "spec": {"replicas": len(pods), "template": {"spec": spec}}},
      group="apps", owner={"kind": "Deployment", "name": app}, images=[image])
    rs = f"{app}-{rs_hash}"
    A(s0 + 0.2, seed + "/rs", sa("kube-system", "deployment-controller"), "create", "replicasets", ns, rs, group="apps",
      ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:deployment-controller")
    for k, (suffix, node) in enumerate(pods):
        name = f"{rs}-{suffix}"
        obj = {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": name, "generateName": rs + "-", "namespace": ns, "labels": {"app": app},
               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": rs, "uid": uid(rs), "controller": True}]}, "spec": spec}
        x = s0 + 1 + k * 20
        M(x - 0.01, f"{seed}/podadm/{k}", sa("kube-system", "replicaset-controller"), "CREATE", "Pod", "pods", ns, name, obj,
          owner={"kind": "ReplicaSet", "name": rs}, images=[image])
        A(x, f"{seed}/pod/{k}", sa("kube-system", "replicaset-controller"), "create", "pods", ns, name, req=obj,
          ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:replicaset-controller")
        A(x + 0.05, f"{seed}/bind/{k}", SCHED, "create", "pods", ns, name, sub="binding", ua="kube-scheduler/" + K + "/scheduler")
        A(x + 2.4, f"{seed}/cm/{k}", node_user(node), "get", "configmaps", ns, "kube-root-ca.crt", ip=NODES[node], ua="kubelet/" + K)
        A(x + 2.6, f"{seed}/secret/{k}", node_user(node), "get", "secrets", ns, f"{app}-tls", ip=NODES[node], ua="kubelet/" + K)
        A(x + 6.1, f"{seed}/status/{k}", node_user(node), "patch", "pods", ns, name, sub="status", ip=NODES[node], ua="kubelet/" + K)
        A(x + 6.5, f"{seed}/eps/{k}", sa("kube-system", "endpointslice-controller"), "update", "endpointslices", ns, f"{app}-x7k2p",
          group="discovery.k8s.io", ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:endpointslice-controller")
        A(x + 12, f"{seed}/del/{k}", sa("kube-system", "replicaset-controller"), "delete", "pods", ns, f"{app}-{old_hash}-{suffix[::-1]}",
          ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:replicaset-controller")

argocd = sa("argocd", "argocd-application-controller", "argocd-application-controller-0", "worker-a3")
rollout(300, "storefront", "shop", "5c8d7b9f6", "6d9f7c8b5", "registry.corp.example/shop/storefront:2.15.0",
        [("h2k9d", "worker-a1"), ("p7x4m", "worker-a2"), ("r3n8q", "worker-a3")], argocd, "rollout/storefront")
rollout(1500, "search-api", "search", "7f6c5d4b8", "58b7c9d6f", "registry.corp.example/search/search-api:4.2.1",
        [("b6v2c", "worker-a2"), ("k9w3z", "worker-a3")], argocd, "rollout/search")
# ConfigMap updated by the CI pipeline
A(280, "cm/storefront", argocd, "update", "configmaps", "shop", "storefront-config", ip="10.244.7.23",
  ua="argocd-application-controller/v2.11.3+8f4e5b3", req={"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "storefront-config", "namespace": "shop"},
                                                          "data": {"FEATURE_FLAGS": "checkout-v2,reco", "LOG_LEVEL": "info"}})

# HPA scales checkout up at minute 15 and down at minute 35
hpa = sa("kube-system", "horizontal-pod-autoscaler")
for s0, replicas in [(900, 5), (2100, 3)]:
    A(s0, f"hpa/{s0}", hpa, "update", "deployments", "shop", "checkout", sub="scale", group="apps",
      ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:horizontal-pod-autoscaler",
      req={"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": {"name": "checkout", "namespace": "shop"}, "spec": {"replicas": replicas}})
    A(s0 + 0.3, f"hpa-rs/{s0}", sa("kube-system", "deployment-controller"), "update", "replicasets", "shop", "checkout-7c9d8f6b5", group="apps",
      ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:deployment-controller")
for k, suffix in enumerate(["c4t7n", "w8q2j"]):
    name = "checkout-7c9d8f6b5-" + suffix
    obj = {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": name, "namespace": "shop", "labels": {"app": "checkout"},
           "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "checkout-7c9d8f6b5", "uid": uid("rs-checkout"), "controller": True}]},
           "spec": {"serviceAccountName": "checkout", "containers": [{"name": "checkout", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:3.8.2"}]}}
    M(901 + k - 0.01, f"hpa/podadm/{k}", sa("kube-system", "replicaset-controller"), "CREATE", "Pod", "pods", "shop", name, obj,
      owner={"kind": "ReplicaSet", "name": "checkout-7c9d8f6b5"}, images=["123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:3.8.2"],
      violations=[{"policy": "palisade:automount-token", "message": "the service account token is mounted", "enforced": False, "control": "automount-token", "mode": "audit"}])
    A(901 + k, f"hpa/pod/{k}", sa("kube-system", "replicaset-controller"), "create", "pods", "shop", name, req=obj,
      ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:replicaset-controller")
    A(2101 + k, f"hpa/del/{k}", sa("kube-system", "replicaset-controller"), "delete", "pods", "shop", name,
      ua="kube-controller-manager/" + K + "/system:serviceaccount:kube-system:replicaset-controller")

# people: routine reads (fewer than five kinds of resource a minute), one secret read, one namespace set up
nb = user("n.baker@corp.example", ["oidc:developers", "system:authenticated"])
for k, (s0, verb, res, name, sub) in enumerate([(420, "list", "pods", None, None), (428, "get", "pods", "storefront-5c8d7b9f6-h2k9d", None),
                                                 (433, "get", "pods", "storefront-5c8d7b9f6-h2k9d", "log"), (510, "list", "deployments", None, None),
                                                 (1210, "list", "pods", None, None), (1226, "list", "events", None, None),
                                                 (1290, "get", "secrets", "storefront-tls", None)]):
    A(s0, f"nb/{k}", nb, verb, res, "shop", name, sub=sub, group="apps" if res == "deployments" else "", ip="10.20.11.5")
ol = user("o.lindqvist@corp.example", ["oidc:platform-admins", "system:authenticated"])
A(1800, "ol/ns", ol, "create", "namespaces", None, "team-search", code=201, ip="10.20.11.9",
  req={"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": "team-search", "labels": {"pod-security.kubernetes.io/enforce": "restricted"}}})
A(1842, "ol/rb", ol, "create", "rolebindings", "team-search", "team-search-edit", group="rbac.authorization.k8s.io", code=201, ip="10.20.11.9",
  req={"kind": "RoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": {"name": "team-search-edit", "namespace": "team-search"},
       "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"},
       "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "oidc:team-search"}]})
A(1905, "ol/get", ol, "list", "rolebindings", "team-search", group="rbac.authorization.k8s.io", ip="10.20.11.9")
for k in range(6):
    A(600 + k * 300, f"watch-dev/{k}", user("e.dubois@corp.example", ["oidc:developers", "system:authenticated"]), "watch", "pods", "search",
      ip="10.20.11.14", ua="kubectl/v1.30.1 (darwin/arm64) kubernetes/6911225")

# Falco: notices and informational alerts of normal operation, and Falco's own metrics
for k in range(6):
    F(130 + k * 400, "Contact K8S API Server From Container", "Notice", ["container", "k8s", "maturity_stable", "mitre_discovery", "network", "T1565"],
      "worker-a2", {"container.id": "8e1f2a3b4c5d", "container.image.repository": "quay.io/prometheus-operator/prometheus-operator",
                    "container.image.tag": "v0.76.0", "container.name": "prometheus-operator", "k8s.ns.name": "monitoring",
                    "k8s.pod.name": "prometheus-operator-6f9c8d7b5-lq2xw", "proc.name": "operator", "proc.cmdline": "operator --kubelet-service=kube-system/kubelet",
                    "fd.name": "10.244.2.40:38122->10.96.0.1:443", "user.name": "nobody"},
      "Unexpected connection to K8s API Server from container | connection=10.244.2.40:38122->10.96.0.1:443")
    F(140 + k * 400, "Packet socket created in container", "Notice", ["container", "maturity_stable", "mitre_credential_access", "network", "T1557.002"],
      list(NODES)[k % 3], {"container.id": "4a5b6c7d8e9f", "container.image.repository": "quay.io/cilium/cilium", "container.image.tag": "v1.16.1",
                           "container.name": "cilium-agent", "k8s.ns.name": "kube-system", "k8s.pod.name": f"cilium-{['x2q7f', 'b8m3k', 'z5t9r'][k % 3]}",
                           "proc.name": "cilium-agent", "evt.type": "socket", "user.name": "root"},
      "Packet socket was created in a container")
    F(150 + k * 400, "Falco internal: metrics snapshot", "Informational", [], list(NODES)[k % 3],
      {"falco.version": "0.39.1", "falco.cpu_usage_perc": 1.2, "falco.memory_rss_mb": 92.4, "scap.n_evts": 48211830 + k * 5000},
      "Falco metrics snapshot", source="internal")
F(1620, "System user interactive", "Informational", ["host", "container", "maturity_stable", "mitre_execution", "users", "T1059"], "worker-a3",
  {"container.id": "host", "proc.name": "login", "proc.cmdline": "login -- daemon", "user.name": "daemon"}, "System (non-login) user spawned an interactive process")

def write(name, records):
    records.sort(key=lambda r: r.get("stageTimestamp") or r.get("eventTime") or r.get("time"))
    with open(os.path.join(ROOT, name), "w") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
os.makedirs(ROOT, exist_ok=True)
write("audit.jsonl", audit_); write("admission.jsonl", admission_); write("falco.jsonl", falco_)
print(len(audit_), len(admission_), len(falco_))
