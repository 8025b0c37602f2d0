package io.palisade.benchmarks.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample files under {@code src/main/resources/workload} (origins in its README). */
final class SampleFiles {

  private SampleFiles() {}

  /** The non-blank lines of a JSON-lines resource. */
  static List<String> lines(String resource) {
    try (InputStream in = SampleFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
