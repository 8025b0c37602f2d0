package io.palisade.correlation.detect;

import static io.palisade.correlation.support.SigmaTopologies.T0;
import static io.palisade.correlation.support.SigmaTopologies.audit;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.sigma.JsonSigmaEvent;
import io.palisade.correlation.sigma.SigmaLogsource;
import io.palisade.correlation.sigma.SigmaRuleLoader;
import io.palisade.correlation.support.AdmissionReviews;
import io.palisade.correlation.support.FalcoAlerts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field names rule authors rely on, built from the Avro records exactly as the stream builds
 * them (the README's "Views, matching and routing").
 */
class SigmaViewsContractTest {

  private static boolean matches(SigmaLogsource logsource, String selection, JsonSigmaEvent view) {
    String rule =
        "title: t\nlogsource: {product: kubernetes, service: "
            + logsource.service()
            + "}\ndetection:\n  selection:\n"
            + selection.indent(4)
            + "  condition: selection\n";
    return SigmaRuleLoader.load(rule, "contract.yml").get(0).matches(view);
  }

  private static AuditEvent richAudit() {
    AuditEvent event = audit("r1", "alice", "create", "pods", "shop", "web", 201, T0);
    event.getUser().setGroups(List.of("system:authenticated", "devs"));
    event.getUser().setExtra(Map.of("scopes", List.of("openid")));
    event.setImpersonatedUser(UserInfo.newBuilder().setUsername("system:admin").build());
    event.setUserAgent("kubectl/v1.31.0");
    event.setAnnotations(Map.of("authorization.k8s.io/decision", "allow"));
    event.setRequestObjectJson(
        "{\"kind\":\"Pod\",\"spec\":{\"hostPID\":true,\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"},"
            + "{\"name\":\"b\",\"image\":\"alpine\",\"securityContext\":{\"privileged\":true}}],"
            + "\"volumes\":[{\"name\":\"root\",\"hostPath\":{\"path\":\"/\"}}]}}");
    event.setResponseObjectJson("{\"metadata\":{\"uid\":\"u-1\"}}");
    return event;
  }

  @Test
  void auditViewHasTheNativeEventFieldNames() {
    JsonSigmaEvent view = SigmaViews.audit(richAudit(), true);
    SigmaLogsource audit = SigmaLogsource.AUDIT;

    assertThat(
            matches(
                audit,
                "verb: create\nobjectRef.resource: pods\nobjectRef.namespace: shop\nobjectRef.name: web",
                view))
        .isTrue();
    assertThat(
            matches(
                audit, "user.username: alice\nuser.groups: devs\nuser.extra.scopes: openid", view))
        .isTrue();
    assertThat(matches(audit, "impersonatedUser.username: system:admin", view)).isTrue();
    assertThat(matches(audit, "sourceIPs|cidr: 10.0.0.0/8\nuserAgent|startswith: kubectl/", view))
        .isTrue();
    assertThat(
            matches(audit, "responseStatus.code: 201\nstage: ResponseComplete\nauditID: r1", view))
        .isTrue();
    assertThat(matches(audit, "annotations.authorization.k8s.io/decision: allow", view)).isTrue();
    assertThat(matches(audit, "requestURI|contains: /pods/", view)).isTrue();
    assertThat(
            matches(audit, "requestObject.spec.containers.securityContext.privileged: true", view))
        .isTrue();
    assertThat(matches(audit, "requestObject.spec.hostPID: true", view)).isTrue();
    assertThat(matches(audit, "hostPath: '*'", view)).isTrue();
    assertThat(matches(audit, "responseObject.metadata.uid: u-1", view)).isTrue();
    assertThat(matches(audit, "cluster: demo", view)).isTrue();
    assertThat(matches(audit, "objectRef.subresource|exists: false", view)).isTrue();
  }

  @Test
  void admissionViewHasTheAvroFieldNames() {
    JsonSigmaEvent view =
        SigmaViews.admission(
            AdmissionReviews.fixture(
                "pod-create-privileged",
                "prod",
                false,
                List.of(AdmissionReviews.violation("pss:privileged", "privileged"))),
            true);
    SigmaLogsource admission = SigmaLogsource.ADMISSION;

    assertThat(
            matches(
                admission, "operation: CREATE\nkind: Pod\nresource: pods\nnamespace: team-a", view))
        .isTrue();
    assertThat(
            matches(
                admission,
                "allowed: false\nviolations.policy: pss:privileged\nviolations.enforced: true",
                view))
        .isTrue();
    assertThat(matches(admission, "user.username: kubernetes-admin", view)).isTrue();
    assertThat(
            matches(
                admission,
                "object.spec.containers.securityContext.capabilities.add: SYS_ADMIN",
                view))
        .isTrue();
    assertThat(matches(admission, "oldObject|exists: false", view)).isTrue();
  }

  @Test
  void falcoViewIsFalcosJsonOutput() {
    RuntimeAlert alert = FalcoAlerts.fixture("terminal-shell-critical", "prod");
    alert.setEventTimeNanos(445_995); // as the runtime ingester keeps Falco's nanoseconds
    JsonSigmaEvent view = SigmaViews.falco(alert);
    SigmaLogsource falco = SigmaLogsource.FALCO;

    assertThat(
            matches(
                falco,
                "rule: Terminal shell in container\npriority: Critical\nsource: syscall",
                view))
        .isTrue();
    assertThat(matches(falco, "tags: mitre_execution\nhostname: falco-xczjd", view)).isTrue();
    assertThat(
            matches(
                falco, "output_fields.k8s.ns.name: default\noutput_fields.proc.tty: 34816", view))
        .isTrue();
    assertThat(
            matches(
                falco, "output_fields.container.image.repository: docker.io/library/alpine", view))
        .isTrue();
    assertThat(matches(falco, "time: '2023-05-25T13:44:05.478445995Z'", view)).isTrue();
    assertThat(matches(falco, "cluster: prod", view)).isTrue();
  }
}
