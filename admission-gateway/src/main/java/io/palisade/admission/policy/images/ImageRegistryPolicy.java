package io.palisade.admission.policy.images;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code palisade:image-registry}: every container image (init, regular, ephemeral) of a pod or pod
 * template comes from an allowed registry. One finding per container, at {@code …image}.
 */
public final class ImageRegistryPolicy implements Policy {

  public static final String NAME = "palisade:image-registry";

  private final ImagePatterns allowed;

  public ImageRegistryPolicy(ImageSettings settings) {
    this.allowed = new ImagePatterns(settings.allowedRegistries());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    if (allowed.isEmpty()) {
      return List.of();
    }
    return WorkloadPod.in(request).map(this::check).orElse(List.of());
  }

  private List<Violation> check(WorkloadPod pod) {
    List<Violation> violations = new ArrayList<>();
    for (WorkloadPod.Container container : pod.containers()) {
      ImageReference.parse(container.image())
          .filter(image -> !allowed.matches(image))
          .ifPresent(
              image ->
                  violations.add(
                      Violation.at(
                          NAME,
                          container.path() + ".image",
                          quote(container.image()) + " is not from an allowed registry")));
    }
    return violations;
  }
}
