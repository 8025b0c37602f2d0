package io.palisade.admission.policy.images;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code palisade:image-digest}: every container image is pinned by digest ({@code …@sha256:…}), so
 * what runs is exactly what was reviewed. Optional: run it in mode off until the pipelines pin
 * digests. One finding per container.
 */
public final class ImageDigestPolicy implements Policy {

  public static final String NAME = "palisade:image-digest";

  private final ImagePatterns exempt;

  public ImageDigestPolicy(ImageSettings settings) {
    this.exempt = new ImagePatterns(settings.exemptImages());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    return WorkloadPod.in(request).map(this::check).orElse(List.of());
  }

  private List<Violation> check(WorkloadPod pod) {
    List<Violation> violations = new ArrayList<>();
    for (WorkloadPod.Container container : pod.containers()) {
      ImageReference.parse(container.image())
          .filter(image -> !image.hasDigest() && !exempt.matches(image))
          .ifPresent(
              image ->
                  violations.add(
                      Violation.at(
                          NAME,
                          container.path() + ".image",
                          quote(container.image()) + " is not pinned by digest")));
    }
    return violations;
  }
}
