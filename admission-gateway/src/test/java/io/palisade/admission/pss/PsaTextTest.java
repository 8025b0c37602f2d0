package io.palisade.admission.pss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PsaTextTest {

  @Test
  void quotesLikeGosPercentQ() {
    assertThat(PsaText.quote("plain")).isEqualTo("\"plain\"");
    assertThat(PsaText.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\x01\"");
    assertThat(PsaText.quote("")).isEqualTo("\"\"");
  }

  @Test
  void joinsQuotedAndPluralizes() {
    assertThat(PsaText.containers(List.of("a"))).isEqualTo("container \"a\"");
    assertThat(PsaText.containers(List.of("a", "b"))).isEqualTo("containers \"a\", \"b\"");
    assertThat(PsaText.joinQuote(List.of())).isEmpty();
  }
}
