package io.palisade.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void readsABodyUpToTheLimit() throws Exception {
    byte[] body = new byte[100];

    assertThat(BoundedBody.read(new ByteArrayInputStream(body), -1, 100)).hasSize(100);
  }

  @Test
  void refusesAChunkedBodyOverTheLimitWithoutReadingItAll() {
    assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(new byte[101]), -1, 100))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("at most 100 bytes");
  }

  @Test
  void readsADeclaredLengthIntoExactlyThatManyBytes() throws Exception {
    byte[] body = "{\"kind\":\"EventList\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(BoundedBody.read(new ByteArrayInputStream(body), body.length, 100)).isEqualTo(body);
  }

  @Test
  void aBodyShorterThanItsDeclaredLengthIsAnError() {
    assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(new byte[10]), 20, 100))
        .isInstanceOf(java.io.EOFException.class)
        .hasMessageContaining("10 of its declared 20 bytes");
  }

  @Test
  void refusesADeclaredLengthOverTheLimitBeforeReading() {
    assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(new byte[0]), 5000, 100))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("5000 bytes");
  }
}
