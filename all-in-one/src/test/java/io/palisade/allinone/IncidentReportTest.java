package io.palisade.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class IncidentReportTest {

  private final JsonNode incident =
      JsonMapper.builder().build().readTree(Fixtures.text("report/notifier-payload.json"));

  @Test
  void printsTitleSeverityEntitiesAndTheEvidenceInOrder() {
    String report = IncidentReport.render(incident);

    assertThat(report)
        .contains("title:     Terminal shell in container by alice")
        .contains("severity:  CRITICAL   score: 88")
        .contains("entities:  actor alice, pod shop/web-7d9f")
        .contains("evidence (4 signals, in time order)");
    assertThat(report.indexOf("Binding to cluster-admin"))
        .isLessThan(report.indexOf("Privileged pod"))
        .isLessThan(report.indexOf("Exec into pod"));
  }

  @Test
  void theDemoIsCompleteOnlyWithAllThreeSourcesInAnOpenIncident() {
    assertThat(DemoExpectation.isComplete(incident)).isTrue();

    ObjectNode merged = (ObjectNode) incident.deepCopy();
    merged.put("status", "MERGED");
    assertThat(DemoExpectation.isComplete(merged)).isFalse();

    ObjectNode auditOnly = (ObjectNode) incident.deepCopy();
    auditOnly
        .withArray("signals")
        .valueStream()
        .forEach(s -> ((ObjectNode) s).put("source", "AUDIT"));
    assertThat(DemoExpectation.isComplete(auditOnly)).isFalse();
  }
}
