package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a payload with its expected file under {@code src/test/resources}. With {@code
 * -Dpalisade.expected.write=true} the file is (re)written instead, for a deliberate change whose
 * diff is then reviewed.
 */
public final class ExpectedJson {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ExpectedJson() {}

  public static void assertMatches(String resource, JsonNode actual) {
    // round trip through text, as the receiver sees it
    JsonNode sent = JSON.readTree(JSON.writeValueAsString(actual));
    if (Boolean.getBoolean("palisade.expected.write")) {
      try {
        Path file = Path.of("src/test/resources", resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(sent) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(sent).isEqualTo(JSON.readTree(Fixtures.text(resource)));
  }
}
