package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.palisade.audit.filter.DefaultFilters;
import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.ShippedRecordMapper;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.audit.webhook.AuditIntake.BodyFormat;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeMetrics;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditIntakeTest {

  private static final String CANARY = "PALISADE-CANARY-7f3a9c";
  private static final String CANARY_BASE64 = "UEFMSVNBREUtQ0FOQVJZLTdmM2E5Yw==";
  private static final String ORIGIN = "POST /v1/audit/prod-eu";
  private static final String INVALID =
      "{\"auditID\":\"x\",\"stage\":\"ResponseComplete\",\"user\":{}}";

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditRedactor redactor = new AuditRedactor();
  private final AuditIntake intake = intake(NoiseFilter.none());

  @Test
  void publishesEveryEventOfTheBatchWithItsKeyAndCloudEventsHeaders() {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    IntakeResult result = accept(body, BodyFormat.EVENT_LIST);

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.deadLettered()).isZero();
    assertThat(producer.history())
        .extracting(r -> r.topic(), r -> new String(r.key(), UTF_8))
        .containsExactly(
            tuple("palisade.audit.v1", "prod-eu/default/pods/nginx-deployment-7998647bdf-phvq7"),
            tuple("palisade.audit.v1", "prod-eu/clusterrolebindings/some-reader-binding"));
    CloudEvent first = CloudEventHeaders.read(producer.history().get(0).headers()).orElseThrow();
    assertThat(first.id()).isEqualTo("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted");
    assertThat(first.type()).isEqualTo("io.palisade.audit.v1");
    assertThat(first.source()).hasToString("/palisade/audit-ingester/prod-eu");
  }

  @Test
  void deadLettersAnInvalidEventWithItsBytesAndPublishesItsNeighbours() {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            INVALID,
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    IntakeResult result = accept(body, BodyFormat.EVENT_LIST);

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.deadLetteredByReason()).isEqualTo(Map.of("missing-field", 1));
    assertThat(audit()).hasSize(2);
    ProducerRecord<byte[], byte[]> deadLetter = deadLetters().get(0);
    assertThat(deadLetter.topic()).isEqualTo("palisade.deadletter.v1");
    assertThat(new String(deadLetter.value(), UTF_8)).isEqualTo(INVALID);
    assertThat(header(deadLetter, DeadLetter.ORIGIN)).isEqualTo(ORIGIN + " items[1]");
    assertThat(header(deadLetter, DeadLetter.REASON)).isEqualTo("missing-field");
    assertThat(header(deadLetter, DeadLetter.ERROR))
        .isEqualTo("items[1]: missing required field 'verb'");
    assertThat(header(deadLetter, DeadLetter.SERVICE)).isEqualTo("audit-ingester");
    assertThat(CloudEventHeaders.read(deadLetter.headers()).orElseThrow().source())
        .hasToString("/palisade/audit-ingester/prod-eu");
  }

  @Test
  void deadLettersAnEventTooLargeToPublishByItselfRedactedAndPublishesItsNeighbours() {
    MockProducer<byte[], byte[]> small =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    AuditIntake limited =
        intake(
            NoiseFilter.none(),
            new EvidencePublisher(
                small,
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                70 * 1024,
                IntakeMetrics.unregistered()));
    String huge =
        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\","
            + "\"auditID\":\"big-1\",\"stage\":\"ResponseComplete\",\"verb\":\"create\","
            + "\"user\":{\"username\":\"alice\"},"
            + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"default\",\"name\":\"s\"},"
            + "\"requestObject\":{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\","
            + "\"annotations\":{\"note\":\""
            + "x".repeat(100_000)
            + "\"}},\"data\":{\"password\":\""
            + CANARY_BASE64
            + "\"}}}";
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            huge,
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    IntakeResult result =
        limited.accept(body.getBytes(UTF_8), BodyFormat.EVENT_LIST, "prod-eu", ORIGIN);

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.deadLetteredByReason()).isEqualTo(Map.of("event-too-large", 1));
    List<ProducerRecord<byte[], byte[]>> letters =
        small.history().stream().filter(r -> r.topic().equals(topics.deadLetter().name())).toList();
    assertThat(letters).singleElement();
    ProducerRecord<byte[], byte[]> letter = letters.get(0);
    assertThat(header(letter, DeadLetter.REASON)).isEqualTo("event-too-large");
    assertThat(header(letter, DeadLetter.ORIGIN)).isEqualTo(ORIGIN + " big-1/ResponseComplete");
    assertThat(header(letter, DeadLetter.ERROR)).contains("at most 71680 are accepted");
    assertThat(Integer.parseInt(header(letter, EvidencePublisher.TRUNCATED)))
        .isGreaterThan(100_000);
    assertThat(letter.value()).hasSize(70 * 1024 - 64 * 1024);
    assertThat(new String(letter.value(), UTF_8)).doesNotContain(CANARY_BASE64, CANARY);
    assertThat(small.history().stream().filter(r -> r.topic().equals(topics.audit().name())))
        .hasSize(2);
  }

  @Test
  void deadLettersEveryEventOfABatchThatHasNoValidOneAndStillAnswers() {
    IntakeResult result =
        accept(
            EventListReaderTest.eventList(INVALID, "42", "{\"kind\":\"Pod\"}"),
            BodyFormat.EVENT_LIST);

    assertThat(result.accepted()).isZero();
    assertThat(result.deadLetteredByReason())
        .isEqualTo(Map.of("missing-field", 1, "invalid-event", 1, "unsupported-kind", 1));
    assertThat(deadLetters()).hasSize(3);
    assertThat(audit()).isEmpty();
  }

  @Test
  void readsNdjsonOfEveryFormAndDeadLettersAMalformedLineByItsNumber() {
    String body =
        String.join(
            "\n",
            compact(Fixtures.text("events/exec-pod/input.json")),
            compact(Fixtures.text("gke/create-pod-privileged/input.json")),
            "{\"auditID\": \"truncated",
            "",
            compact(Fixtures.text("aks/kube-audit-log-string/input.json")),
            compact(Fixtures.text("aks/kube-audit-admin-log-object/input.json")));

    IntakeResult result = accept(body, BodyFormat.NDJSON);

    assertThat(result.accepted()).isEqualTo(4);
    assertThat(audit())
        .extracting(r -> value(r).getIntakeFormat())
        .containsExactly("ndjson", "gke", "aks", "aks");
    ProducerRecord<byte[], byte[]> deadLetter = deadLetters().get(0);
    assertThat(header(deadLetter, DeadLetter.ORIGIN)).isEqualTo(ORIGIN + " line 3");
    assertThat(header(deadLetter, DeadLetter.REASON)).isEqualTo("malformed-json");
    assertThat(new String(deadLetter.value(), UTF_8)).isEqualTo("{\"auditID\": \"truncated");
  }

  @Test
  void dropsNoiseCountingItByFilterAndPublishesTheRest() {
    AuditIntake filtering = intake(new NoiseFilter(DefaultFilters.named(DefaultFilters.names())));
    String lease =
        "{\"auditID\":\"l\",\"stage\":\"ResponseComplete\",\"verb\":\"update\",\"user\":{\"username\":\"system:kube-scheduler\"},"
            + "\"objectRef\":{\"resource\":\"leases\",\"namespace\":\"kube-system\",\"name\":\"kube-scheduler\"}}";
    String health =
        "{\"auditID\":\"h\",\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"requestURI\":\"/readyz\",\"user\":{\"username\":\"system:anonymous\"}}";
    String body =
        EventListReaderTest.eventList(
            lease,
            health,
            lease.replace("\"l\"", "\"m\""),
            Fixtures.text("events/exec-pod/input.json"));

    IntakeResult result =
        filtering.accept(body.getBytes(UTF_8), BodyFormat.EVENT_LIST, "prod-eu", ORIGIN);

    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.filteredByRule()).isEqualTo(Map.of("lease-renewals", 2, "health-checks", 1));
    assertThat(audit()).extracting(r -> value(r).getVerb()).containsExactly("create");
  }

  @Test
  void givesARetriedBatchTheSameIdsKeysAndDeadLetterIds() {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-clusterrolebinding/input.json"),
            INVALID);

    accept(body, BodyFormat.EVENT_LIST);
    List<ProducerRecord<byte[], byte[]>> first = List.copyOf(producer.history());
    producer.clear();
    accept(body, BodyFormat.EVENT_LIST);
    List<ProducerRecord<byte[], byte[]>> retry = List.copyOf(producer.history());

    assertThat(retry).hasSameSizeAs(first).hasSize(3);
    for (int i = 0; i < first.size(); i++) {
      assertThat(retry.get(i).topic()).isEqualTo(first.get(i).topic());
      assertThat(retry.get(i).key()).isEqualTo(first.get(i).key());
      assertThat(CloudEventHeaders.read(retry.get(i).headers()).orElseThrow().id())
          .isEqualTo(CloudEventHeaders.read(first.get(i).headers()).orElseThrow().id());
    }
    assertThat(audit())
        .extracting(r -> value(r).getId())
        .containsExactly(
            "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted",
            "e040d0ab-473c-442c-9707-88553173e962/ResponseComplete");
  }

  @Test
  void redactsTheSecretsOfAnEventThatIsDeadLettered() {
    String secretWithoutVerb =
        compact(Fixtures.text("redaction/create-secret-request-response/input.json"))
            .replace("\"verb\":\"create\",", "");

    IntakeResult result =
        accept(
            EventListReaderTest.eventList(
                secretWithoutVerb,
                "{\"kind\":\"Secret\",\"data\":{\"k\":\"" + CANARY_BASE64 + "\"}}"),
            BodyFormat.EVENT_LIST);

    assertThat(result.deadLettered()).isEqualTo(2);
    for (ProducerRecord<byte[], byte[]> deadLetter : deadLetters()) {
      assertThat(new String(deadLetter.value(), StandardCharsets.ISO_8859_1))
          .doesNotContain(CANARY, CANARY_BASE64)
          .contains("<redacted>");
      assertThat(header(deadLetter, DeadLetter.ERROR)).contains("secret values redacted");
    }
  }

  @Test
  void publishesNothingForAnEmptyEventList() {
    IntakeResult result = accept("{\"kind\":\"EventList\",\"items\":[]}", BodyFormat.EVENT_LIST);

    assertThat(result.accepted()).isZero();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void refusesAClusterNameThatIsNotSafeInKeysAndUris() {
    assertThatThrownBy(
            () -> intake.accept("{}".getBytes(UTF_8), BodyFormat.EVENT_LIST, "a b/c", ORIGIN))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("invalid-cluster");
  }

  @Test
  void neverPublishesASecretValue() {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("redaction/create-secret-request-response/input.json"),
            Fixtures.text("redaction/list-secrets/input.json"),
            Fixtures.text("redaction/patch-secret-json-patch/input.json"));

    accept(body, BodyFormat.EVENT_LIST);

    assertThat(producer.history()).hasSize(3);
    for (ProducerRecord<byte[], byte[]> record : producer.history()) {
      assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
          .doesNotContain(CANARY, CANARY_BASE64);
    }
  }

  private AuditIntake intake(NoiseFilter filter) {
    return intake(filter, new EvidencePublisher(producer, Duration.ofSeconds(1)));
  }

  private AuditIntake intake(NoiseFilter filter, EvidencePublisher publisher) {
    return new AuditIntake(
        new EventListReader(json, 100),
        new NdjsonReader(json, new ShippedRecordMapper(json), 100),
        new AuditEventNormalizer(redactor, json),
        redactor,
        filter,
        publisher,
        topics,
        json,
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  private IntakeResult accept(String body, BodyFormat format) {
    return intake.accept(body.getBytes(UTF_8), format, "prod-eu", ORIGIN);
  }

  private List<ProducerRecord<byte[], byte[]>> audit() {
    return producer.history().stream()
        .filter(r -> r.topic().equals(topics.audit().name()))
        .toList();
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetters() {
    return producer.history().stream()
        .filter(r -> r.topic().equals(topics.deadLetter().name()))
        .toList();
  }

  private static AuditEvent value(ProducerRecord<byte[], byte[]> record) {
    return PalisadeSerde.of(AuditEvent.class)
        .deserializer()
        .deserialize(record.topic(), record.value());
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private String compact(String text) {
    return json.writeValueAsString(json.readTree(text));
  }
}
