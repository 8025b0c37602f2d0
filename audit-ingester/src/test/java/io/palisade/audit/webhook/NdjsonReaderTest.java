package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.audit.normalize.IntakeFormat;
import io.palisade.audit.normalize.ShippedRecordMapper;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NdjsonReaderTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final NdjsonReader reader = new NdjsonReader(json, new ShippedRecordMapper(json), 3);

  @Test
  void readsOneRecordPerLineSkippingBlankLinesAndNumberingLinesLikeAnEditor() {
    String body = "{\"auditID\":\"a\"}\n\n  \t\r\n{\"auditID\":\"b\"}\r\n{\"auditID\":\"c\"}";

    List<AuditItem> items = reader.read(body.getBytes(UTF_8));

    assertThat(items).extracting(AuditItem::where).containsExactly("line 1", "line 4", "line 5");
    assertThat(items)
        .extracting(item -> new String(item.raw(), UTF_8))
        .containsExactly("{\"auditID\":\"a\"}", "{\"auditID\":\"b\"}", "{\"auditID\":\"c\"}");
    assertThat(items.get(0).record().get().format()).isEqualTo(IntakeFormat.NDJSON);
  }

  @Test
  void leavesAMalformedLineToItsOwnDeadLetterAndKeepsItsNeighbours() {
    String body = "{\"auditID\":\"a\"}\n{\"auditID\":\"b\",\n{\"auditID\":\"c\"}\n";

    List<AuditItem> items = reader.read(body.getBytes(UTF_8));

    assertThat(items).hasSize(3);
    assertThat(items.get(1).parsed()).isNull();
    assertThat(new String(items.get(1).raw(), UTF_8)).isEqualTo("{\"auditID\":\"b\",");
    EventListReaderTest.assertItemRefused(
        items.get(1), "malformed-json", "line 2 is not valid JSON");
    assertThat(items.get(2).record().get().event().get("auditID").asString()).isEqualTo("c");
  }

  @Test
  void refusesTwoRecordsOnOneLine() {
    List<AuditItem> items =
        reader.read("{\"auditID\":\"a\"} {\"auditID\":\"b\"}\n{}".getBytes(UTF_8));

    EventListReaderTest.assertItemRefused(items.get(0), "malformed-json", "line 1");
  }

  @Test
  void refusesABodyInWhichNoLineIsJson() {
    assertThatThrownBy(() -> reader.read("this is\nnot json\n".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("no line is JSON")
        .hasMessageContaining("line 1")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("malformed-json");
  }

  @Test
  void refusesABodyWithoutLines() {
    assertThatThrownBy(() -> reader.read("\n \r\n".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("empty-body");
  }

  @Test
  void refusesMoreLinesThanTheLimitButNotBlankOnes() {
    assertThat(reader.read("{}\n\n{}\n\n{}\n\n".getBytes(UTF_8))).hasSize(3);
    assertThatThrownBy(() -> reader.read("{}\n{}\n{}\n{}".getBytes(UTF_8)))
        .isInstanceOf(RequestTooLargeException.class)
        .extracting(e -> ((RequestTooLargeException) e).reason())
        .isEqualTo("too-many-events");
  }
}
