package io.palisade.admission.policy.images;

import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference split the way the container runtime reads it, with Docker Hub names
 * normalised: {@code nginx} is {@code docker.io/library/nginx}, {@code bitnami/redis} is {@code
 * docker.io/bitnami/redis}, {@code index.docker.io/x} is {@code docker.io/library/x}. The first
 * path component is a registry only when it contains a dot or a colon or is {@code localhost} (the
 * Docker rule), so {@code openpolicyagent:443/opa} is image {@code opa} on registry {@code
 * openpolicyagent:443}, without a tag.
 *
 * @param registry e.g. {@code docker.io}, {@code registry.example.com:5000}
 * @param repository e.g. {@code library/nginx}
 * @param tag empty when the reference has none
 * @param digest e.g. {@code sha256:…}, empty when the reference has none
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  static final String DOCKER_HUB = "docker.io";

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * The reference in {@code image}, empty when it is blank (the API server rejects a container
   * without an image, so there is nothing to judge).
   */
  public static Optional<ImageReference> parse(String image) {
    String rest = image.strip();
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0 && isRegistryHost(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return Optional.of(
        new ImageReference(
            canonicalRegistry(registry), dockerHubPath(registry, rest), tag, digest));
  }

  /** {@code registry/repository[:tag][@digest]}, e.g. {@code docker.io/library/nginx:1.27}. */
  public String normalised() {
    return registry
        + "/"
        + repository
        + (tag.isEmpty() ? "" : ":" + tag)
        + (digest.isEmpty() ? "" : "@" + digest);
  }

  public boolean hasTag() {
    return !tag.isEmpty();
  }

  public boolean hasDigest() {
    return !digest.isEmpty();
  }

  /**
   * Docker's rule: the first component names a registry if it has a dot, a colon or is localhost.
   */
  static boolean isRegistryHost(String component) {
    return component.contains(".") || component.contains(":") || component.equals("localhost");
  }

  static String canonicalRegistry(String registry) {
    return registry.equals("index.docker.io") ? DOCKER_HUB : registry;
  }

  /** Official Docker Hub images live under {@code library/}. */
  static String dockerHubPath(String registry, String path) {
    return canonicalRegistry(registry).equals(DOCKER_HUB) && !path.isEmpty() && !path.contains("/")
        ? "library/" + path
        : path;
  }
}
