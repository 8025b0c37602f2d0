package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditRecord;
import io.palisade.audit.normalize.ShippedRecordMapper;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.PalisadeSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays every record of the audit corpus (src/test/resources/corpus, see its README) through the
 * NDJSON reader and the normaliser, and compares each with its row in {@code expected.jsonl}: the
 * normalised fields, or the reason it is dead-lettered. Every normalised event is also encoded by
 * the Serde's hand-written Avro writer and must give exactly the bytes of Avro's own encoder. A
 * file that cannot be read, a record without a row, or a row without a record fails the test.
 */
class CorpusReplayTest {

  private static final Instant INGEST = Instant.parse("2026-03-01T12:00:00Z");
  private static final Path CORPUS = corpusDirectory();

  private final JsonMapper json = JsonMapper.builder().build();
  private final NdjsonReader reader = new NdjsonReader(json, new ShippedRecordMapper(json), 10_000);
  private final AuditEventNormalizer normalizer =
      new AuditEventNormalizer(new AuditRedactor(), json);
  private final PalisadeSerde<AuditEvent> serde = PalisadeSerde.of(AuditEvent.class);

  static Stream<String> corpusFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(CORPUS)) {
      return paths
          .filter(Files::isRegularFile)
          .map(path -> CORPUS.relativize(path).toString().replace('\\', '/'))
          .filter(name -> name.contains("/"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void theCorpusHoldsEveryEventFileOfTheSharedCorpusAndTheTableCoversThemAll() throws IOException {
    List<String> files = corpusFiles().toList();

    assertThat(files.stream().filter(f -> f.startsWith("falco-trace-files/"))).hasSize(46);
    assertThat(files.stream().filter(f -> f.startsWith("panther-rule-tests/"))).hasSize(30);
    assertThat(files).contains("audit2rbac/demo.log");
    assertThat(expectedRows().keySet().stream().map(key -> key.split("#")[0]).distinct())
        .containsExactlyInAnyOrderElementsOf(files);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void replaysEveryRecordOfTheFileAsTheTableSays(String file) throws IOException {
    byte[] body = body(file);
    Map<String, JsonNode> expected = expectedRows();
    List<String> seen = new ArrayList<>();

    List<AuditItem> items = reader.read(body);

    for (AuditItem item : items) {
      String key = file + "#" + item.where().substring("line ".length());
      JsonNode row = expected.get(key);
      assertThat(row).as("a row in expected.jsonl for %s", key).isNotNull();
      seen.add(key);
      if (row.has("deadLetter")) {
        assertDeadLettered(item, row, key);
      } else {
        assertThatCode(() -> normalise(item)).as(key).doesNotThrowAnyException();
        AuditEvent event = normalise(item);
        assertNormalised(event, row, key);
        assertThat(serde.serialize("audit", event))
            .as("%s: the hand-written Avro writer's bytes are Avro's", key)
            .isEqualTo(avroBytes(event));
      }
    }
    assertThat(seen)
        .as("records of %s", file)
        .containsExactlyInAnyOrderElementsOf(
            expected.keySet().stream().filter(k -> k.startsWith(file + "#")).toList());
  }

  /** What Avro's own single-object encoder writes for {@code record}. */
  private static <T extends org.apache.avro.specific.SpecificRecord> byte[] avroBytes(T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      new org.apache.avro.message.BinaryMessageEncoder<T>(
              new org.apache.avro.specific.SpecificData(type.getClassLoader()), record.getSchema())
          .encode(record, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private AuditEvent normalise(AuditItem item) {
    AuditRecord record = item.record().get();
    return normalizer.normalize(record, item.where(), "corpus", INGEST);
  }

  private void assertDeadLettered(AuditItem item, JsonNode row, String key) {
    InvalidEvidenceException refused =
        catchThrowableOfType(InvalidEvidenceException.class, () -> normalise(item));
    assertThat(refused).as("%s must be refused", key).isNotNull();
    assertThat(refused.reason()).as(key).isEqualTo(row.get("deadLetter").asString());
    assertThat(refused.getMessage()).as(key).startsWith(item.where());
    if (row.has("field")) {
      assertThat(refused.getMessage()).as(key).contains("'" + row.get("field").asString() + "'");
    }
  }

  private static void assertNormalised(AuditEvent event, JsonNode row, String key) {
    assertThat(event.getId()).as(key + " id").isEqualTo(row.get("id").asString());
    assertThat(event.getVerb()).as(key + " verb").isEqualTo(row.get("verb").asString());
    assertThat(event.getUser().getUsername())
        .as(key + " user")
        .isEqualTo(row.get("user").asString());
    assertThat(event.getIntakeFormat())
        .as(key + " intakeFormat")
        .isEqualTo(row.get("intakeFormat").asString());
    assertThat(event.getEventTime()).as(key + " eventTime").isEqualTo(time(row.get("eventTime")));
    JsonNode code = row.get("responseCode");
    assertThat(event.getResponseCode())
        .as(key + " responseCode")
        .isEqualTo(code.isNull() ? null : code.asInt());
    assertThat(objectRef(event.getObjectRef()))
        .as(key + " objectRef")
        .isEqualTo(objectRef(row.get("objectRef")));
  }

  private static Instant time(JsonNode expected) {
    String text = expected.asString();
    return text.equals("ingest")
        ? INGEST
        : OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .truncatedTo(ChronoUnit.MILLIS); // the Avro field is timestamp-millis
  }

  private static Map<String, String> objectRef(ObjectReference ref) {
    if (ref == null) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("resource", ref.getResource());
    fields.put("namespace", ref.getNamespace());
    fields.put("name", ref.getName());
    fields.put("subresource", ref.getSubresource());
    fields.put("apiGroup", ref.getApiGroup());
    fields.put("apiVersion", ref.getApiVersion());
    return fields;
  }

  private static Map<String, String> objectRef(JsonNode ref) {
    if (ref == null || ref.isNull()) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field :
        List.of("resource", "namespace", "name", "subresource", "apiGroup", "apiVersion")) {
      JsonNode value = ref.get(field);
      fields.put(field, value == null || value.isNull() ? null : value.asString());
    }
    return fields;
  }

  /** The NDJSON a log shipper would send: the file itself, or each Panther test case's log. */
  private byte[] body(String file) throws IOException {
    byte[] content = Files.readAllBytes(CORPUS.resolve(file));
    if (!file.startsWith("panther-rule-tests/")) {
      return content;
    }
    String lines =
        new String(content, UTF_8)
            .lines()
            .map(
                line ->
                    line.isBlank() ? "" : json.writeValueAsString(json.readTree(line).get("log")))
            .collect(Collectors.joining("\n"));
    return lines.getBytes(UTF_8);
  }

  private Map<String, JsonNode> expectedRows() throws IOException {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(CORPUS.resolve("expected.jsonl"), UTF_8)) {
      JsonNode row = json.readTree(line);
      rows.put(row.get("file").asString() + "#" + row.get("line").asInt(), row);
    }
    return rows;
  }

  private static Path corpusDirectory() {
    try {
      return Path.of(CorpusReplayTest.class.getResource("/corpus/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("the corpus is not on the test classpath", e));
    }
  }
}
