package io.palisade.admission.policy.images;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A list of image prefixes (allowed registries, exempt images), normalised like images so that
 * {@code nginx}, {@code docker.io/nginx} and {@code docker.io/library/nginx} mean the same thing.
 *
 * <p>An entry is
 *
 * <ul>
 *   <li>a registry host alone: {@code quay.io}, {@code localhost:5000};
 *   <li>a registry or repository prefix ending in {@code /}: {@code registry.example.com/team/},
 *       {@code openpolicyagent/} (a Docker Hub organisation, i.e. {@code
 *       docker.io/openpolicyagent/});
 *   <li>an image, with or without tag: {@code registry.example.com/payments/api}, {@code
 *       ubuntu:20.14} (i.e. {@code docker.io/library/ubuntu:20.14}).
 * </ul>
 *
 * A trailing {@code *} is ignored ({@code openpolicyagent/*} = {@code openpolicyagent/}). An entry
 * matches an image whose normalised reference equals it or continues it at a component boundary
 * ({@code /}, {@code :} or {@code @}): {@code myregistry.azurecr.io} does not match {@code
 * myregistry.azurecr.io.evil.com/x}, and {@code docker.io/library/ubuntu} does not match {@code
 * docker.io/library/ubuntumalicious}. (Gatekeeper's {@code K8sAllowedRepos} is a plain string
 * prefix, which lets {@code openpolicyagent} admit {@code openpolicyagentmalicious/x}.)
 */
public final class ImagePatterns {

  private static final Pattern HOST_AND_PORT = Pattern.compile("[^/:]+:[0-9]+");

  private final List<String> prefixes;

  /**
   * @throws IllegalArgumentException naming the entry when one is blank
   */
  public ImagePatterns(List<String> entries) {
    Objects.requireNonNull(entries, "entries");
    this.prefixes = entries.stream().map(ImagePatterns::normalise).toList();
  }

  public boolean isEmpty() {
    return prefixes.isEmpty();
  }

  public List<String> prefixes() {
    return prefixes;
  }

  public boolean matches(ImageReference image) {
    String name = image.normalised();
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)
          && (name.length() == prefix.length()
              || endsAtBoundary(prefix)
              || isBoundary(name.charAt(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  static String normalise(String entry) {
    Objects.requireNonNull(entry, "image pattern");
    String pattern = entry.strip();
    while (pattern.endsWith("*")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException(
          "image pattern \"" + entry + "\" is blank; name a registry, prefix or image");
    }
    int slash = pattern.indexOf('/');
    if (slash < 0) {
      boolean registryAlone =
          (pattern.contains(".") && !pattern.contains(":"))
              || pattern.equals("localhost")
              || HOST_AND_PORT.matcher(pattern).matches();
      return registryAlone
          ? ImageReference.canonicalRegistry(pattern)
          : ImageReference.DOCKER_HUB + "/library/" + pattern;
    }
    String first = pattern.substring(0, slash);
    String rest = pattern.substring(slash + 1);
    String registry =
        ImageReference.isRegistryHost(first)
            ? ImageReference.canonicalRegistry(first)
            : ImageReference.DOCKER_HUB;
    String path = ImageReference.isRegistryHost(first) ? rest : pattern;
    return registry + "/" + ImageReference.dockerHubPath(registry, path);
  }

  private static boolean endsAtBoundary(String prefix) {
    return isBoundary(prefix.charAt(prefix.length() - 1));
  }

  private static boolean isBoundary(char c) {
    return c == '/' || c == ':' || c == '@';
  }
}
