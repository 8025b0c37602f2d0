package io.palisade.correlation.rulepack;

import tools.jackson.databind.JsonNode;

/**
 * One labelled event of a corpus: it must ({@code expected}) or must not trigger the detection
 * named {@code label} (a Falco rule name or a Panther rule id).
 *
 * @param corpus {@code falco} or {@code panther}
 * @param caseId stable name of the event in its corpus, e.g. {@code exec_pod.json#1} or {@code
 *     k8s_pod_host_pid.tests.jsonl#EKS Pod With Host PID}
 * @param event the event as a native Kubernetes audit event
 */
record LabelledCase(
    String corpus, String caseId, String label, boolean expected, String logType, JsonNode event) {}
