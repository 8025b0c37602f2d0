package io.palisade.runtime.http;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.EvidencePublisher;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.runtime.falco.FalcoAlertReader;
import io.palisade.runtime.falco.RuntimeEvidence;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.util.List;

/**
 * One Falco alert, start to end: parse, normalise, publish, and return only once Kafka has
 * acknowledged the record, so that a 200 means the alert is durable.
 */
public final class FalcoIntake {

  private final FalcoAlertReader reader;
  private final FalcoAlertNormalizer normalizer;
  private final EvidencePublisher publisher;
  private final Topic<String, RuntimeAlert> topic;
  private final String cluster;
  private final Clock clock;

  public FalcoIntake(
      FalcoAlertNormalizer normalizer,
      EvidencePublisher publisher,
      Topic<String, RuntimeAlert> topic,
      String cluster,
      Clock clock) {
    this(new FalcoAlertReader(), normalizer, publisher, topic, cluster, clock);
  }

  public FalcoIntake(
      FalcoAlertReader reader,
      FalcoAlertNormalizer normalizer,
      EvidencePublisher publisher,
      Topic<String, RuntimeAlert> topic,
      String cluster,
      Clock clock) {
    this.reader = reader;
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.topic = topic;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Publishes the alert in {@code body}; returns it as published. */
  public RuntimeAlert accept(byte[] body) {
    RuntimeAlert alert = normalizer.normalize(reader.read(body), cluster, clock.instant());
    publisher.publishAll(topic, List.of(RuntimeEvidence.of(alert, topic.eventType())));
    return alert;
  }
}
