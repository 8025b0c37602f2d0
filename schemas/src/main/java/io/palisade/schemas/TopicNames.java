package io.palisade.schemas;

/**
 * The names of Palisade's topics. Any name left null takes its default, so services can bind this
 * from configuration and override only what differs.
 */
public record TopicNames(
    String audit,
    String admission,
    String runtime,
    String signals,
    String incidents,
    String notifications,
    String deadLetter,
    String incidentActions) {

  public static final String DEFAULT_AUDIT = "palisade.audit.v1";
  public static final String DEFAULT_ADMISSION = "palisade.admission.v1";
  public static final String DEFAULT_RUNTIME = "palisade.runtime.v1";
  public static final String DEFAULT_SIGNALS = "palisade.signals.v1";
  public static final String DEFAULT_INCIDENTS = "palisade.incidents.v1";
  public static final String DEFAULT_NOTIFICATIONS = "palisade.notifications.v1";
  public static final String DEFAULT_DEAD_LETTER = "palisade.deadletter.v1";
  public static final String DEFAULT_INCIDENT_ACTIONS = "palisade.incident-actions.v1";

  public TopicNames {
    audit = orDefault(audit, DEFAULT_AUDIT);
    admission = orDefault(admission, DEFAULT_ADMISSION);
    runtime = orDefault(runtime, DEFAULT_RUNTIME);
    signals = orDefault(signals, DEFAULT_SIGNALS);
    incidents = orDefault(incidents, DEFAULT_INCIDENTS);
    notifications = orDefault(notifications, DEFAULT_NOTIFICATIONS);
    deadLetter = orDefault(deadLetter, DEFAULT_DEAD_LETTER);
    incidentActions = orDefault(incidentActions, DEFAULT_INCIDENT_ACTIONS);
  }

  public static TopicNames defaults() {
    return new TopicNames(null, null, null, null, null, null, null, null);
  }

  private static String orDefault(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }
}
