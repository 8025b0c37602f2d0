package io.palisade.runtime.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeMetrics;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class FalcoIntakeTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final FalcoIntake intake =
      new FalcoIntake(
          new FalcoAlertNormalizer(),
          new EvidencePublisher(producer, Duration.ofSeconds(1)),
          topics.runtime(),
          topics.deadLetter(),
          "prod-eu",
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void publishesTheAlertKeyedByItsPodWithCloudEventsHeaders() {
    FalcoIntake.Outcome outcome = intake.accept(Fixtures.bytes("falco/terminal-shell/input.json"));

    assertThat(outcome.published()).hasSize(1);
    assertThat(outcome.internal()).isEmpty();
    RuntimeAlert alert = outcome.published().get(0);
    assertThat(producer.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("palisade.runtime.v1");
    assertThat(new String(record.key(), UTF_8)).isEqualTo("prod-eu/default/kubecon");
    CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
    assertThat(event.id()).isEqualTo(alert.getId());
    assertThat(event.type()).isEqualTo("io.palisade.runtime.v1");
    assertThat(runtimeValue(record)).isEqualTo(alert);
  }

  @Test
  void countsAFalcoInternalMessageWithoutPublishingIt() {
    FalcoIntake.Outcome outcome =
        intake.accept(Fixtures.bytes("falco/metrics-snapshot-internal/input.json"));

    assertThat(outcome.published()).isEmpty();
    assertThat(outcome.internal())
        .extracting(RuntimeAlert::getRule)
        .containsExactly("Falco internal: metrics snapshot");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void publishesNothingForMalformedJson() {
    assertThatThrownBy(() -> intake.accept("{\"rule\":".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("malformed-json");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void refusesABodyThatIsNotAnObject() {
    assertThatThrownBy(() -> intake.accept("[1,2]".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("invalid-body");
  }

  @Test
  void refusesTwoAlertsInOneJsonBody() {
    String alert = Fixtures.text("falco/terminal-shell/input.json").trim();

    assertThatThrownBy(() -> intake.accept((alert + "\n" + alert).getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("the body is not valid JSON")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("malformed-json");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void publishesEveryValidLineAndDeadLettersEachInvalidOneWithItsLineNumber() {
    String body =
        String.join(
            "\n",
            Fixtures.text("falco/terminal-shell/input.json").trim(),
            "",
            "{\"rule\": \"Terminal shell in container\",",
            Fixtures.text("falco/metrics-snapshot-internal/input.json").trim(),
            "{\"time\":\"2023-05-25T13:44:05Z\",\"priority\":\"Notice\"}",
            Fixtures.text("falco/k8saudit-serviceaccount-created/input.json").trim(),
            "");

    FalcoIntake.Outcome outcome = intake.acceptLines(body.getBytes(UTF_8));

    assertThat(outcome.published())
        .extracting(RuntimeAlert::getRule)
        .containsExactly("Terminal shell in container", "K8s Serviceaccount Created");
    assertThat(outcome.internal()).hasSize(1);
    assertThat(outcome.deadLetters())
        .extracting(DeadLetter::origin, DeadLetter::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST /v1/falco line 3", "malformed-json"),
            org.assertj.core.groups.Tuple.tuple("POST /v1/falco line 5", "missing-field"));
    List<ProducerRecord<byte[], byte[]>> runtime = recordsOn("palisade.runtime.v1");
    assertThat(runtime).extracting(this::runtimeValue).isEqualTo(outcome.published());
    List<ProducerRecord<byte[], byte[]>> deadLetters = recordsOn("palisade.deadletter.v1");
    assertThat(deadLetters).hasSize(2);
    ProducerRecord<byte[], byte[]> malformed = deadLetters.get(0);
    assertThat(new String(malformed.value(), UTF_8))
        .isEqualTo("{\"rule\": \"Terminal shell in container\",");
    assertThat(header(malformed, DeadLetter.ORIGIN)).isEqualTo("POST /v1/falco line 3");
    assertThat(header(malformed, DeadLetter.SERVICE)).isEqualTo("runtime-ingester");
    assertThat(header(malformed, DeadLetter.REASON)).isEqualTo("malformed-json");
    assertThat(header(malformed, DeadLetter.ERROR)).startsWith("line 3 is not valid JSON");
    assertThat(header(deadLetters.get(1), DeadLetter.ERROR))
        .isEqualTo("missing required field 'rule'");
    CloudEvent event = CloudEventHeaders.read(malformed.headers()).orElseThrow();
    assertThat(event.type()).isEqualTo("io.palisade.deadletter.v1");
    assertThat(event.source()).hasToString("/palisade/runtime-ingester/prod-eu");
    assertThat(event.time()).isEqualTo(NOW);
  }

  @Test
  void deadLettersALineTooLargeToPublishByItselfButRefusesASingleAlertThatLarge() {
    MockProducer<byte[], byte[]> small =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    FalcoIntake limited =
        new FalcoIntake(
            new FalcoAlertNormalizer(),
            new EvidencePublisher(
                small,
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                70 * 1024,
                IntakeMetrics.unregistered()),
            topics.runtime(),
            topics.deadLetter(),
            "prod-eu",
            Clock.fixed(NOW, ZoneOffset.UTC));
    String shell = Fixtures.text("falco/terminal-shell/input.json").trim();
    String huge = shell.replaceFirst("\"output\":\\s*\"", "\"output\":\"" + "x".repeat(100_000));
    assertThat(huge).hasSizeGreaterThan(100_000);

    FalcoIntake.Outcome outcome = limited.acceptLines((shell + "\n" + huge + "\n").getBytes(UTF_8));

    assertThat(outcome.published()).hasSize(1);
    assertThat(outcome.deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactly("event-too-large");
    assertThat(small.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("palisade.runtime.v1", "palisade.deadletter.v1");
    assertThatThrownBy(() -> limited.accept(huge.getBytes(UTF_8)))
        .isInstanceOf(RequestTooLargeException.class)
        .extracting(e -> ((RequestTooLargeException) e).reason())
        .isEqualTo("event-too-large");
  }

  @Test
  void givesTheDeadLetterOfARetriedBatchTheSameCloudEventId() {
    byte[] body = "not json\n".getBytes(UTF_8);

    intake.acceptLines(body);
    intake.acceptLines(body);

    assertThat(producer.history()).hasSize(2);
    assertThat(CloudEventHeaders.read(producer.history().get(1).headers()).orElseThrow().id())
        .isEqualTo(CloudEventHeaders.read(producer.history().get(0).headers()).orElseThrow().id());
  }

  @Test
  void refusesAnNdjsonBodyWithoutAnyLine() {
    assertThatThrownBy(() -> intake.acceptLines("\n \r\n".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("empty-body");
    assertThat(producer.history()).isEmpty();
  }

  private List<ProducerRecord<byte[], byte[]>> recordsOn(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private RuntimeAlert runtimeValue(ProducerRecord<byte[], byte[]> record) {
    return topics.runtime().valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }
}
