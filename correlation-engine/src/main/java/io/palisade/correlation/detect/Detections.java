package io.palisade.correlation.detect;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The registered detection rules. A new rule is one class and one line in {@link #standard()}. */
public final class Detections {

  private final List<Detection<?>> all;

  public Detections(List<Detection<?>> all) {
    this.all = List.copyOf(all);
  }

  /** Palisade's rules. */
  public static Detections standard() {
    return new Detections(
        List.of(
            new PodExecDetection(),
            new PrivilegedPodCreatedDetection(),
            new PrivilegedPodAdmissionDetection(),
            new ClusterAdminBindingDetection(),
            new FalcoAlertDetection()));
  }

  /**
   * These rules without the given rule ids (Java rules that Sigma rules of the pack replace).
   *
   * @throws IllegalArgumentException naming any id that is not a registered rule
   */
  public Detections without(java.util.Collection<String> ruleIds) {
    java.util.Set<String> known =
        all.stream().map(Detection::ruleId).collect(java.util.stream.Collectors.toSet());
    List<String> unknown = ruleIds.stream().filter(id -> !known.contains(id)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown Java detection rule id(s) " + unknown + "; registered: " + known);
    }
    return new Detections(
        all.stream().filter(detection -> !ruleIds.contains(detection.ruleId())).toList());
  }

  public List<Detection<?>> all() {
    return all;
  }

  /** The rules that read evidence of the given type. */
  @SuppressWarnings("unchecked") // checked against evidenceType()
  <T extends SpecificRecord> List<Detection<T>> over(Class<T> type) {
    return all.stream()
        .filter(detection -> detection.evidenceType().equals(type))
        .map(detection -> (Detection<T>) detection)
        .toList();
  }
}
