package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditIntakeTest {

  private static final String CANARY = "PALISADE-CANARY-7f3a9c";
  private static final String CANARY_BASE64 = "UEFMSVNBREUtQ0FOQVJZLTdmM2E5Yw==";

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditIntake intake =
      new AuditIntake(
          new EventListReader(json, 100),
          new AuditEventNormalizer(new AuditRedactor(), json),
          new EvidencePublisher(producer, Duration.ofSeconds(1)),
          topics.audit(),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void publishesEveryEventOfTheBatchWithItsKeyAndCloudEventsHeaders() {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    int accepted = intake.accept(body.getBytes(UTF_8), "prod-eu");

    assertThat(accepted).isEqualTo(2);
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
  void publishesNothingWhenOneEventOfTheBatchIsInvalid() {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"), "{\"auditID\":\"x\",\"stage\":\"s\"}");

    assertThatThrownBy(() -> intake.accept(body.getBytes(UTF_8), "prod-eu"))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessage("items[1]: missing required field 'verb'");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void publishesNothingForAnEmptyEventList() {
    assertThat(intake.accept("{\"kind\":\"EventList\",\"items\":[]}".getBytes(UTF_8), "c"))
        .isZero();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void refusesAClusterNameThatIsNotSafeInKeysAndUris() {
    assertThatThrownBy(() -> intake.accept("{}".getBytes(UTF_8), "a b/c"))
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

    intake.accept(body.getBytes(UTF_8), "prod-eu");

    assertThat(producer.history()).hasSize(3);
    for (ProducerRecord<byte[], byte[]> record : producer.history()) {
      assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
          .doesNotContain(CANARY, CANARY_BASE64);
    }
  }
}
