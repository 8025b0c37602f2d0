package io.palisade.intake.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokensTest {

  @TempDir Path dir;

  @Test
  void matchesOnlyAConfiguredTokenExactly() {
    BearerTokens tokens = BearerTokens.of(List.of("s3cret", "other"), null);

    assertThat(tokens.matches("s3cret")).isTrue();
    assertThat(tokens.matches("other")).isTrue();
    assertThat(tokens.matches("s3cre")).isFalse();
    assertThat(tokens.matches("s3cret ")).isFalse();
    assertThat(tokens.matches("")).isFalse();
    assertThat(tokens.matches(null)).isFalse();
  }

  @Test
  void ignoresBlankConfiguredTokens() {
    BearerTokens tokens = BearerTokens.of(List.of(" ", ""), null);

    assertThat(tokens.isEmpty()).isTrue();
    assertThat(tokens.matches(" ")).isFalse();
  }

  @Test
  void readsAFileOfTokensSkippingCommentsAndBlankLines() throws Exception {
    Path file = Files.writeString(dir.resolve("tokens"), "# comment\n  one  \n\ntwo\n");

    BearerTokens tokens = BearerTokens.of(List.of(), file);

    assertThat(tokens.isEmpty()).isFalse();
    assertThat(tokens.matches("one")).isTrue();
    assertThat(tokens.matches("two")).isTrue();
    assertThat(tokens.matches("# comment")).isFalse();
  }

  @Test
  void refusesToStartWithATokenFileThatCannotBeRead() {
    assertThatThrownBy(() -> BearerTokens.of(List.of(), dir.resolve("missing")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void neverPrintsAToken() throws Exception {
    Path file = Files.writeString(dir.resolve("tokens"), "from-file\n");

    String printed = BearerTokens.of(List.of("in-config"), file).toString();

    assertThat(printed).doesNotContain("in-config", "from-file").contains("1 redacted");
  }
}
