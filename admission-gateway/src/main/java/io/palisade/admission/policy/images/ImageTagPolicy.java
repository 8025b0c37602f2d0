package io.palisade.admission.policy.images;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code palisade:image-tag}: no container image uses a disallowed (mutable) tag such as {@code
 * latest}, and none is untagged (an untagged image is {@code :latest}). An image pinned by digest
 * without a tag is accepted: the digest is immutable. One finding per container.
 */
public final class ImageTagPolicy implements Policy {

  public static final String NAME = "palisade:image-tag";

  private final Set<String> disallowedTags;
  private final ImagePatterns exempt;

  public ImageTagPolicy(ImageSettings settings) {
    this.disallowedTags = settings.disallowedTags();
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
          .filter(image -> !exempt.matches(image))
          .flatMap(image -> problem(container.image(), image))
          .ifPresent(
              problem -> violations.add(Violation.at(NAME, container.path() + ".image", problem)));
    }
    return violations;
  }

  private Optional<String> problem(String written, ImageReference image) {
    if (!image.hasTag() && !image.hasDigest()) {
      return Optional.of(quote(written) + " has no tag; pin a version or a digest");
    }
    if (disallowedTags.contains(image.tag())) {
      return Optional.of(quote(written) + " uses disallowed tag \"" + image.tag() + "\"");
    }
    return Optional.empty();
  }
}
