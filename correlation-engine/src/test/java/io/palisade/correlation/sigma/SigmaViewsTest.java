package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules on the admission and Falco views, and the index fields of those views. */
class SigmaViewsTest {

  private static final SigmaEngine ENGINE =
      SigmaEngine.of(SigmaRuleLoader.loadDirectory(SigmaResources.path("views")));

  private static JsonSigmaEvent resource(String name) throws Exception {
    return JsonSigmaEvent.parse(Files.readString(SigmaResources.path("views/" + name)));
  }

  @Test
  void falcoRuleMatchesTheAlertView() throws Exception {
    JsonSigmaEvent alert = resource("falco_alert.json");
    assertThat(ENGINE.match(SigmaLogsource.FALCO, alert))
        .extracting(SigmaRule::title)
        .containsExactly("Shell In A Container Outside Kube System Namespaces");
    JsonSigmaEvent system =
        JsonSigmaEvent.parse(
            alert
                .root()
                .toString()
                .replace("\"k8s.ns.name\":\"shop\"", "\"k8s.ns.name\":\"kube-system\""));
    assertThat(ENGINE.match(SigmaLogsource.FALCO, system)).isEmpty();
    assertThat(ENGINE.match(SigmaLogsource.AUDIT, alert)).isEmpty();
  }

  @Test
  void admissionRuleMatchesTheDecisionView() throws Exception {
    JsonSigmaEvent decision = resource("admission_decision.json");
    List<SigmaRule> matches = ENGINE.match(SigmaLogsource.ADMISSION, decision);
    assertThat(matches)
        .extracting(SigmaRule::title)
        .containsExactly("Privileged Pod Refused By Admission");
    assertThat(matches.get(0).techniques()).containsExactly("T1611");
    JsonSigmaEvent allowed =
        JsonSigmaEvent.parse(
            decision.root().toString().replace("\"allowed\":false", "\"allowed\":true"));
    assertThat(ENGINE.match(SigmaLogsource.ADMISSION, allowed)).isEmpty();
  }

  @Test
  void viewsAreIndexedByTheirOwnFields() throws Exception {
    assertThat(ENGINE.alwaysEvaluated(SigmaLogsource.FALCO)).isZero();
    assertThat(ENGINE.alwaysEvaluated(SigmaLogsource.ADMISSION)).isZero();
    JsonSigmaEvent otherRule =
        JsonSigmaEvent.parse(
            "{\"rule\":\"Read sensitive file untrusted\",\"source\":\"syscall\",\"priority\":\"Warning\"}");
    assertThat(ENGINE.candidates(SigmaLogsource.FALCO, otherRule)).isEmpty();
    assertThat(ENGINE.candidates(SigmaLogsource.FALCO, resource("falco_alert.json"))).hasSize(1);
  }
}
