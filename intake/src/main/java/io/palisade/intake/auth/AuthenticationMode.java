package io.palisade.intake.auth;

/** Which credentials an intake endpoint accepts ({@code palisade.intake.auth.mode}). */
public enum AuthenticationMode {
  /** Anyone may post: only when configured explicitly, e.g. in all-in-one on 127.0.0.1. */
  NONE,
  /** A bearer token from {@code palisade.intake.auth.tokens} or {@code token-file}. */
  TOKEN,
  /** A client certificate signed by {@code palisade.intake.tls.client-ca}. */
  CLIENT_CERT,
  /** Whichever of the two is configured; at least one must be. */
  EITHER;

  boolean acceptsTokens() {
    return this == TOKEN || this == EITHER;
  }

  boolean acceptsClientCertificates() {
    return this == CLIENT_CERT || this == EITHER;
  }
}
