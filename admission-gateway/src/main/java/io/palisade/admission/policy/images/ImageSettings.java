package io.palisade.admission.policy.images;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the three image policies.
 *
 * @param allowedRegistries prefixes an image must start with ({@link ImagePatterns} syntax, e.g.
 *     {@code registry.example.com/}, {@code quay.io}, {@code openpolicyagent/}); empty (the
 *     default) allows every registry, because no safe list can be guessed for a cluster
 * @param disallowedTags tags refused by {@code palisade:image-tag}, default {@code latest}; an
 *     image without tag and without digest is always refused
 * @param exemptImages images (same syntax) that {@code palisade:image-tag} and {@code
 *     palisade:image-digest} skip; the registry policy has no exemptions, add the image to {@code
 *     allowedRegistries} instead
 */
public record ImageSettings(
    List<String> allowedRegistries, Set<String> disallowedTags, List<String> exemptImages) {

  public ImageSettings {
    allowedRegistries = List.copyOf(Objects.requireNonNull(allowedRegistries, "allowedRegistries"));
    disallowedTags = Set.copyOf(Objects.requireNonNull(disallowedTags, "disallowedTags"));
    exemptImages = List.copyOf(Objects.requireNonNull(exemptImages, "exemptImages"));
  }

  /** Any registry, no {@code :latest}, no untagged images, no exemptions. */
  public static ImageSettings defaults() {
    return new ImageSettings(List.of(), Set.of("latest"), List.of());
  }
}
