package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field lookup over JSON: nesting, arrays, dotted keys and lazily parsed raw objects. */
class JsonSigmaEventTest {

  private static List<Object> values(SigmaEvent event, String path) {
    List<Object> values = new ArrayList<>();
    event.anyValue(FieldPath.of(path), value -> !values.add(value));
    return values;
  }

  @Test
  void walksObjectsAndArraysElementWise() {
    SigmaEvent event =
        JsonSigmaEvent.parse(
            "{\"a\":{\"b\":[{\"c\":1},{\"c\":[\"x\",\"y\"]},{\"d\":2}]},\"n\":null,\"t\":true,\"o\":{}}");
    assertThat(values(event, "a.b.c")).containsExactly(1, "x", "y");
    assertThat(values(event, "a.b.d")).containsExactly(2);
    assertThat(values(event, "a.b.e")).isEmpty();
    assertThat(values(event, "n")).containsExactly((Object) null);
    assertThat(values(event, "t")).containsExactly(true);
    assertThat(values(event, "o")).containsExactly(SigmaEvent.STRUCTURED);
    assertThat(values(event, "t.deeper")).isEmpty();
  }

  @Test
  void findsKeysThatContainDots() {
    SigmaEvent event =
        JsonSigmaEvent.parse(
            "{\"output_fields\":{\"k8s.ns.name\":\"shop\",\"proc.cmdline\":\"bash -i\"}}");
    assertThat(values(event, "output_fields.k8s.ns.name")).containsExactly("shop");
    assertThat(values(event, "output_fields.proc.cmdline")).containsExactly("bash -i");
    assertThat(values(event, "output_fields.k8s.pod.name")).isEmpty();
  }

  @Test
  void parsesAttachedRawObjectsOnlyWhenReadAndOnlyOnce() {
    JsonSigmaEvent event =
        JsonSigmaEvent.parse("{\"verb\":\"create\"}")
            .withRawObject(
                "requestObject", "{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}")
            .withRawObject("responseObject", null);
    assertThat(values(event, "verb")).containsExactly("create");
    assertThat(event.rawParses()).isZero();
    assertThat(values(event, "requestObject.spec.containers.name")).containsExactly("a", "b");
    assertThat(values(event, "requestObject.spec.containers.name")).containsExactly("a", "b");
    assertThat(values(event, "responseObject.metadata.name")).isEmpty();
    assertThat(event.rawParses()).isEqualTo(1);
  }

  @Test
  void aRuleThatDoesNotReadTheObjectNeverParsesIt() {
    JsonSigmaEvent event =
        JsonSigmaEvent.parse("{\"verb\":\"get\",\"objectRef\":{\"resource\":\"pods\"}}")
            .withRawObject("requestObject", "{\"spec\":{}}");
    SigmaEngine engine =
        SigmaEngine.of(SigmaRuleLoader.loadDirectory(SigmaResources.path("sigmahq/rules")));
    assertThat(engine.match(SigmaLogsource.AUDIT, event)).isEmpty();
    assertThat(event.rawParses()).isZero();
  }

  @Test
  void refusesInvalidJsonClearly() {
    assertThatThrownBy(() -> JsonSigmaEvent.parse("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not valid JSON");
    assertThatThrownBy(() -> JsonSigmaEvent.parse("[1,2]")).hasMessageContaining("JSON object");
    JsonSigmaEvent broken = JsonSigmaEvent.parse("{}").withRawObject("requestObject", "{broken");
    assertThatThrownBy(() -> values(broken, "requestObject.spec"))
        .hasMessageContaining("requestObject is not valid JSON");
  }
}
