package io.palisade.intake.auth;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a request to an intake endpoint is authenticated: by a client certificate that
 * the TLS handshake verified against the configured CA, by a bearer token, or (mode {@code none})
 * not at all.
 */
public final class IntakeAuthenticator {

  private static final String BEARER = "bearer ";

  private final AuthenticationMode mode;
  private final BearerTokens tokens;
  private final boolean clientCertificates;

  /**
   * @param clientCertificates whether the TLS layer asks for client certificates (a client CA is
   *     configured), so that a presented certificate has been verified against it
   * @throws IllegalArgumentException when the mode asks for credentials that are not configured
   */
  public IntakeAuthenticator(
      AuthenticationMode mode, BearerTokens tokens, boolean clientCertificates) {
    this.mode = mode;
    this.tokens = tokens;
    this.clientCertificates = clientCertificates;
    check();
  }

  /** Whether the request, with this Authorization header and verified chain, may post evidence. */
  public boolean authenticates(String authorization, X509Certificate[] verifiedChain) {
    if (mode == AuthenticationMode.NONE) {
      return true;
    }
    if (acceptsCertificates() && verifiedChain != null && verifiedChain.length > 0) {
      return true;
    }
    return acceptsTokens() && tokens.matches(bearerToken(authorization));
  }

  /** The {@code WWW-Authenticate} challenge of a 401, or null when tokens are not accepted. */
  public String challenge() {
    return acceptsTokens() ? "Bearer realm=\"palisade\"" : null;
  }

  /** What a 401 says was missing. */
  public String requirement() {
    List<String> accepted = new ArrayList<>();
    if (acceptsCertificates()) {
      accepted.add("a client certificate signed by the configured CA");
    }
    if (acceptsTokens()) {
      accepted.add("a valid bearer token (Authorization: Bearer …)");
    }
    return "this endpoint needs " + String.join(" or ", accepted);
  }

  public AuthenticationMode mode() {
    return mode;
  }

  private boolean acceptsCertificates() {
    return mode.acceptsClientCertificates() && clientCertificates;
  }

  private boolean acceptsTokens() {
    return mode.acceptsTokens() && !tokens.isEmpty();
  }

  private void check() {
    switch (mode) {
      case NONE -> {}
      case TOKEN -> {
        if (tokens.isEmpty()) {
          throw new IllegalArgumentException(
              "palisade.intake.auth.mode is token but no token is configured: set"
                  + " palisade.intake.auth.tokens or palisade.intake.auth.token-file");
        }
      }
      case CLIENT_CERT -> {
        if (!clientCertificates) {
          throw new IllegalArgumentException(
              "palisade.intake.auth.mode is client-cert but no client CA is configured: set"
                  + " palisade.intake.tls.client-ca (TLS must be on)");
        }
      }
      case EITHER -> {
        if (tokens.isEmpty() && !clientCertificates) {
          throw new IllegalArgumentException(
              "intake endpoints must authenticate their callers, but no credentials are"
                  + " configured: set palisade.intake.tls.client-ca (client certificates) and/or"
                  + " palisade.intake.auth.tokens / palisade.intake.auth.token-file (bearer"
                  + " tokens), or palisade.intake.auth.mode=none to accept anonymous requests");
        }
      }
    }
  }

  private static String bearerToken(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return null;
    }
    return authorization.substring(BEARER.length()).strip();
  }
}
