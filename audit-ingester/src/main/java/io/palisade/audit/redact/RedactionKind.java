package io.palisade.audit.redact;

/** What was redacted; the {@code kind} tag of {@code palisade_audit_redactions_total}. */
public enum RedactionKind {
  /** A value under {@code data} or {@code stringData} of a Secret (or its merge patch). */
  SECRET_DATA("secret-data"),
  /**
   * A {@code value} of a JSON-Patch operation on a Secret, also in a webhook's patch annotation.
   */
  SECRET_PATCH("secret-patch"),
  /** The {@code kubectl.kubernetes.io/last-applied-configuration} annotation of a Secret. */
  LAST_APPLIED("last-applied-configuration"),
  /** The token a TokenRequest ({@code serviceaccounts/token}) issued. */
  TOKEN_REQUEST("token-request"),
  /** The token a TokenReview reviewed. */
  TOKEN_REVIEW("token-review"),
  /** A credential in the query string of the request URI. */
  URI_CREDENTIAL("uri-credential"),
  /** A value at a configured extra path. */
  EXTRA_PATH("extra-path");

  private final String tag;

  RedactionKind(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
