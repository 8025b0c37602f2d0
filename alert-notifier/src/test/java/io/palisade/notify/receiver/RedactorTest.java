package io.palisade.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final URI url =
      URI.create("https://user:pw@hooks.example.com:8443/services/T0/B0/xyzSECRET?token=q-secret");

  @Test
  void showsAUrlOnlyAsItsOrigin() {
    assertThat(Redactor.display(url)).isEqualTo("https://hooks.example.com:8443");
  }

  @Test
  void removesTheUrlItsQueryPathAndCredentialsFromText() {
    Redactor redactor = Redactor.of(url, List.of("Bearer tok-123456"));

    String text =
        "failed POST "
            + url
            + " with Bearer tok-123456; token tok-123456 query token=q-secret"
            + " path /services/T0/B0/xyzSECRET user user:pw";

    String redacted = redactor.redact(text);
    assertThat(redacted)
        .doesNotContain("q-secret", "tok-123456", "xyzSECRET", "user:pw")
        .contains("https://hooks.example.com:8443");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(Redactor.of(url, List.of()).redact("HTTP 503: upstream unavailable"))
        .isEqualTo("HTTP 503: upstream unavailable");
  }
}
