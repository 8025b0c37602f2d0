package io.palisade.intake.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeAuthenticatorTest {

  private static final X509Certificate[] VERIFIED = {null};
  private final BearerTokens tokens = BearerTokens.of(List.of("t0ken"), null);
  private final BearerTokens none = BearerTokens.of(List.of(), null);

  @Test
  void clientCertModeAcceptsOnlyAVerifiedCertificate() {
    IntakeAuthenticator authenticator =
        new IntakeAuthenticator(AuthenticationMode.CLIENT_CERT, tokens, true);

    assertThat(authenticator.authenticates(null, VERIFIED)).isTrue();
    assertThat(authenticator.authenticates("Bearer t0ken", null)).isFalse();
    assertThat(authenticator.authenticates(null, new X509Certificate[0])).isFalse();
    assertThat(authenticator.challenge()).isNull();
  }

  @Test
  void tokenModeAcceptsOnlyAToken() {
    IntakeAuthenticator authenticator =
        new IntakeAuthenticator(AuthenticationMode.TOKEN, tokens, true);

    assertThat(authenticator.authenticates("Bearer t0ken", null)).isTrue();
    assertThat(authenticator.authenticates("BEARER   t0ken", null)).isTrue();
    assertThat(authenticator.authenticates(null, VERIFIED)).isFalse();
    assertThat(authenticator.authenticates("Bearer", null)).isFalse();
    assertThat(authenticator.requirement()).contains("bearer token").doesNotContain("certificate");
  }

  @Test
  void eitherModeAcceptsWhicheverIsConfigured() {
    IntakeAuthenticator both = new IntakeAuthenticator(AuthenticationMode.EITHER, tokens, true);
    IntakeAuthenticator tokensOnly =
        new IntakeAuthenticator(AuthenticationMode.EITHER, tokens, false);

    assertThat(both.authenticates(null, VERIFIED)).isTrue();
    assertThat(both.authenticates("Bearer t0ken", null)).isTrue();
    assertThat(both.authenticates("Bearer nope", null)).isFalse();
    assertThat(tokensOnly.authenticates("Bearer t0ken", null)).isTrue();
    assertThat(tokensOnly.requirement()).doesNotContain("certificate");
  }

  @Test
  void noneModeAcceptsAnyone() {
    assertThat(
            new IntakeAuthenticator(AuthenticationMode.NONE, none, false).authenticates(null, null))
        .isTrue();
  }

  @Test
  void refusesAModeWhoseCredentialsAreNotConfigured() {
    assertThatThrownBy(() -> new IntakeAuthenticator(AuthenticationMode.TOKEN, none, true))
        .hasMessageContaining("palisade.intake.auth.tokens");
    assertThatThrownBy(() -> new IntakeAuthenticator(AuthenticationMode.CLIENT_CERT, tokens, false))
        .hasMessageContaining("palisade.intake.tls.client-ca");
    assertThatThrownBy(() -> new IntakeAuthenticator(AuthenticationMode.EITHER, none, false))
        .hasMessageContaining("palisade.intake.auth.mode=none");
  }
}
