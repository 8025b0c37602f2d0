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
