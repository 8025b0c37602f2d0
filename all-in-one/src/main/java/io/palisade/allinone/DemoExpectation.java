package io.palisade.allinone;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** When the demo has what it came for: one open incident with evidence from all three sources. */
final class DemoExpectation {

  static final int EVIDENCE = 4;

  private DemoExpectation() {}

  static boolean isComplete(JsonNode incident) {
    Set<String> sources = new HashSet<>();
    incident.path("signals").forEach(signal -> sources.add(signal.path("source").asString()));
    return "OPEN".equals(incident.path("status").asString())
        && incident.path("signals").size() >= EVIDENCE
        && sources.containsAll(Set.of("AUDIT", "ADMISSION", "RUNTIME"));
  }
}
