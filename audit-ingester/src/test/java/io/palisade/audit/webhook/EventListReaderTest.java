package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.audit.normalize.AuditRecord;
import io.palisade.audit.normalize.IntakeFormat;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import io.palisade.testkit.Fixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventListReaderTest {

  private final EventListReader reader = new EventListReader(JsonMapper.builder().build(), 3);

  @Test
  void readsTheItemsOfAnEventListInOrder() {
    String body =
        eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    List<AuditItem> items = reader.read(body.getBytes(UTF_8));

    assertThat(items).extracting(AuditItem::where).containsExactly("items[0]", "items[1]");
    assertThat(items)
        .extracting(item -> item.record().get().event().get("auditID").asString())
        .containsExactly(
            "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", "e040d0ab-473c-442c-9707-88553173e962");
    assertThat(items)
        .extracting(item -> item.record().get().format())
        .containsOnly(IntakeFormat.WEBHOOK);
  }

  @Test
  void keepsTheBytesOfEachItemExactlyAsSent() {
    String first = "{ \"auditID\" : \"a\",\n  \"stage\":\"ResponseComplete\" }";
    String second = "{\"auditID\":\"b\", \"note\":\"caf\u00e9 \\u00e9\"}";
    String body =
        "{\"kind\":\"EventList\",\"items\":[ " + first + " ,\n" + second + "],\"metadata\":{}}";

    List<AuditItem> items = reader.read(body.getBytes(UTF_8));

    assertThat(items)
        .extracting(item -> new String(item.raw(), UTF_8))
        .containsExactly(first, second);
  }

  @Test
  void acceptsASingleV1beta1EventAsOneItemWithTheWholeBody() {
    byte[] body = Fixtures.bytes("events/create-nginx-pod-privileged/input.json");

    AuditItem item = reader.read(body).get(0);

    assertThat(item.where()).isEqualTo("event");
    assertThat(item.raw()).isEqualTo(body);
    assertThat(item.record().get().event().get("apiVersion").asString())
        .isEqualTo("audit.k8s.io/v1beta1");
  }

  @Test
  void acceptsABareArrayOfEvents() {
    assertThat(reader.read("[{\"auditID\":\"a\"},{\"auditID\":\"b\"}]".getBytes(UTF_8))).hasSize(2);
  }

  @Test
  void acceptsItemsWithoutKindOrApiVersionAsTheWebhookSendsThem() {
    String body =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
            + "\"items\":[{\"auditID\":\"a\",\"stage\":\"ResponseComplete\"}]}";

    AuditRecord record = reader.read(body.getBytes(UTF_8)).get(0).record().get();

    assertThat(record.event().get("auditID").asString()).isEqualTo("a");
  }

  @Test
  void acceptsAnEventListWithNullItemsAsEmpty() {
    String body = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":null}";

    assertThat(reader.read(body.getBytes(UTF_8))).isEmpty();
  }

  @Test
  void refusesAnotherKindOfBody() {
    assertRefused("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}", "unsupported-api-version", "v1");
    assertRefused("{\"kind\":\"PodList\",\"items\":[]}", "unsupported-kind", "PodList");
    assertRefused("{\"kind\": 0}", "unsupported-kind", "'0'");
  }

  @Test
  void leavesAnItemOfAnotherKindToItsOwnDeadLetterNamingItsIndex() {
    List<AuditItem> items =
        new EventListReader(JsonMapper.builder().build(), 10)
            .read(
                "{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"a\"},{\"kind\":\"Pod\"},42,{\"apiVersion\":\"v1\"}]}"
                    .getBytes(UTF_8));

    assertThat(items).hasSize(4);
    assertItemRefused(items.get(1), "unsupported-kind", "items[1]: kind 'Pod'");
    assertItemRefused(items.get(2), "invalid-event", "items[2] is not a JSON object but a number");
    assertItemRefused(items.get(3), "unsupported-api-version", "items[3]: apiVersion 'v1'");
  }

  @Test
  void refusesItemsThatAreNotAnArray() {
    assertRefused(
        "{\"kind\":\"EventList\",\"items\":{}}", "invalid-body", "items must be an array");
  }

  @Test
  void refusesBodiesThatAreNotJson() {
    assertRefused("{\"kind\":\"EventList\",", "malformed-json", "not valid JSON");
    assertRefused(
        "{\"kind\":\"EventList\",\"items\":[{\"a\":1},{\"b\":", "malformed-json", "not valid JSON");
    assertRefused("kind=EventList", "malformed-json", "not valid JSON");
    assertRefused("{\"kind\":\"EventList\"} {}", "malformed-json", "content after the end");
    assertRefused("", "empty-body", "empty");
    assertRefused("\"EventList\"", "invalid-body", "string");
  }

  @Test
  void refusesMoreEventsThanTheLimit() {
    String body = "{\"kind\":\"EventList\",\"items\":[{},{},{},{}]}";

    assertThatThrownBy(() -> reader.read(body.getBytes(UTF_8)))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("more than 3 events")
        .extracting(e -> ((RequestTooLargeException) e).reason())
        .isEqualTo("too-many-events");
  }

  @Test
  void acceptsExactlyTheLimit() {
    assertThat(reader.read("{\"items\":[{},{},{}]}".getBytes(UTF_8))).hasSize(3);
  }

  private void assertRefused(String body, String reason, String messagePart) {
    assertThatThrownBy(() -> reader.read(body.getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo(reason);
  }

  static void assertItemRefused(AuditItem item, String reason, String messagePart) {
    assertThatThrownBy(() -> item.record().get())
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
