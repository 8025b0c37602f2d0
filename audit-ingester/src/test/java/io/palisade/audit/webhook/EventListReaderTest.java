package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import io.palisade.testkit.Fixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventListReaderTest {

  private final EventListReader reader = new EventListReader(JsonMapper.builder().build(), 3);

  @Test
  void readsTheItemsOfAnEventListInOrder() {
    String body =
        eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    List<JsonNode> events = reader.read(body.getBytes(UTF_8));

    assertThat(events)
        .extracting(e -> e.get("auditID").asString())
        .containsExactly(
            "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", "e040d0ab-473c-442c-9707-88553173e962");
  }

  @Test
  void acceptsASingleV1beta1Event() {
    byte[] body = Fixtures.bytes("events/create-nginx-pod-privileged/input.json");

    assertThat(reader.read(body))
        .singleElement()
        .extracting(e -> e.get("apiVersion").asString())
        .isEqualTo("audit.k8s.io/v1beta1");
  }

  @Test
  void acceptsItemsWithoutKindOrApiVersionAsTheWebhookSendsThem() {
    String body =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
            + "\"items\":[{\"auditID\":\"a\",\"stage\":\"ResponseComplete\"}]}";

    assertThat(reader.read(body.getBytes(UTF_8))).hasSize(1);
  }

  @Test
  void acceptsAnEventListWithNullItemsAsEmpty() {
    String body = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":null}";

    assertThat(reader.read(body.getBytes(UTF_8))).isEmpty();
  }

  @Test
  void refusesAnotherKind() {
    assertRefused("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}", "unsupported-api-version", "v1");
    assertRefused("{\"kind\":\"PodList\",\"items\":[]}", "unsupported-kind", "PodList");
    assertRefused("{\"kind\": 0}", "unsupported-kind", "'0'");
  }

  @Test
  void refusesAnItemOfAnotherKindNamingItsIndex() {
    assertRefused(
        "{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"a\"},{\"kind\":\"Pod\"}]}",
        "unsupported-kind",
        "items[1]");
  }

  @Test
  void refusesItemsThatAreNotAnArray() {
    assertRefused(
        "{\"kind\":\"EventList\",\"items\":{}}", "invalid-body", "items must be an array");
  }

  @Test
  void refusesItemsThatAreNotObjects() {
    assertRefused("{\"kind\":\"EventList\",\"items\":[{}, 42]}", "invalid-event", "items[1]");
  }

  @Test
  void refusesBodiesThatAreNotJson() {
    assertRefused("{\"kind\":\"EventList\",", "malformed-json", "not valid JSON");
    assertRefused("kind=EventList", "malformed-json", "not valid JSON");
    assertRefused("", "empty-body", "empty");
    assertRefused("\"EventList\"", "invalid-body", "string");
  }

  @Test
  void refusesMoreEventsThanTheLimit() {
    String body = "{\"kind\":\"EventList\",\"items\":[{},{},{},{}]}";

    assertThatThrownBy(() -> reader.read(body.getBytes(UTF_8)))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("4 events")
        .extracting(e -> ((RequestTooLargeException) e).reason())
        .isEqualTo("too-many-events");
  }

  private void assertRefused(String body, String reason, String messagePart) {
    assertThatThrownBy(() -> reader.read(body.getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo(reason);
  }

  static String eventList(String... events) {
    return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
        + String.join(",", Arrays.stream(events).map(String::strip).toList())
        + "]}";
  }
}
