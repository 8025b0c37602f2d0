package io.palisade.correlation.sigma;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test resources under {@code sigma/}. */
final class SigmaResources {

  private SigmaResources() {}

  static Path path(String name) {
    try {
      return Path.of(SigmaResources.class.getResource("/sigma/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource sigma/" + name, e);
    }
  }
}
