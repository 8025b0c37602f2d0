package io.palisade.schemas;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.NotificationRecord;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The typed descriptors of every topic in the design, under configurable names. */
public final class PalisadeTopics {

  private final Topic<String, AuditEvent> audit;
  private final Topic<String, AdmissionDecision> admission;
  private final Topic<String, RuntimeAlert> runtime;
  private final Topic<String, Signal> signals;
  private final Topic<String, Incident> incidents;
  private final Topic<String, NotificationRecord> notifications;
  private final Topic<byte[], byte[]> deadLetter;
  private final Topic<String, IncidentAction> incidentActions;

  public PalisadeTopics(TopicNames names) {
    Serde<String> keys = Serdes.String();
    audit =
        new Topic<>(
            names.audit(), keys, PalisadeSerde.of(AuditEvent.class), false, "io.palisade.audit.v1");
    admission =
        new Topic<>(
            names.admission(),
            keys,
            PalisadeSerde.of(AdmissionDecision.class),
            false,
            "io.palisade.admission.v1");
    runtime =
        new Topic<>(
            names.runtime(),
            keys,
            PalisadeSerde.of(RuntimeAlert.class),
            false,
            "io.palisade.runtime.v1");
    signals =
        new Topic<>(
            names.signals(), keys, PalisadeSerde.of(Signal.class), false, "io.palisade.signal.v1");
    incidents =
        new Topic<>(
            names.incidents(),
            keys,
            PalisadeSerde.of(Incident.class),
            true,
            "io.palisade.incident.v1");
    notifications =
        new Topic<>(
            names.notifications(),
            keys,
            PalisadeSerde.of(NotificationRecord.class),
            false,
            "io.palisade.notification.v1");
    deadLetter =
        new Topic<>(
            names.deadLetter(),
            Serdes.ByteArray(),
            Serdes.ByteArray(),
            false,
            "io.palisade.deadletter.v1");
    incidentActions =
        new Topic<>(
            names.incidentActions(),
            keys,
            PalisadeSerde.of(IncidentAction.class),
            false,
            "io.palisade.incident-action.v1");
  }

  public static PalisadeTopics withDefaultNames() {
    return new PalisadeTopics(TopicNames.defaults());
  }

  public Topic<String, AuditEvent> audit() {
    return audit;
  }

  public Topic<String, AdmissionDecision> admission() {
    return admission;
  }

  public Topic<String, RuntimeAlert> runtime() {
    return runtime;
  }

  public Topic<String, Signal> signals() {
    return signals;
  }

  public Topic<String, Incident> incidents() {
    return incidents;
  }

  public Topic<String, NotificationRecord> notifications() {
    return notifications;
  }

  public Topic<byte[], byte[]> deadLetter() {
    return deadLetter;
  }

  /**
   * Analysts' actions on incidents, keyed by cluster like the signals topic and with as many
   * partitions (the correlation stage reads both into the same stores).
   */
  public Topic<String, IncidentAction> incidentActions() {
    return incidentActions;
  }

  public List<Topic<?, ?>> all() {
    return List.of(
        audit, admission, runtime, signals, incidents, notifications, deadLetter, incidentActions);
  }

  /** The topic whose name is given, if it is one of Palisade's. */
  public Optional<Topic<?, ?>> byName(String name) {
    return all().stream().filter(topic -> topic.name().equals(name)).findFirst();
  }

  /** Topic definitions for an admin client, e.g. at all-in-one start or in a provisioning job. */
  public List<NewTopic> newTopics(int partitions, short replicationFactor) {
    return all().stream()
        .map(
            topic ->
                new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.configs()))
        .toList();
  }
}
