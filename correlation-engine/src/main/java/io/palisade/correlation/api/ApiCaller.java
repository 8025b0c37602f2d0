package io.palisade.correlation.api;

import io.palisade.intake.auth.AuthenticationMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who an authenticated API caller is, for the {@code actor} of their actions. Callers are
 * authenticated by the intake's authenticator, which knows tokens only by their digests, so the
 * name is: the common name of a verified client certificate; for a bearer token {@code token:<first
 * 12 hex digits of its SHA-256>} (stable per token, and says nothing about the token); {@code
 * anonymous} when authentication is off.
 */
public final class ApiCaller {

  public static final String ANONYMOUS = "anonymous";
  private static final String BEARER = "bearer ";

  private ApiCaller() {}

  public static String actor(
      AuthenticationMode mode, String authorization, X509Certificate[] verifiedChain) {
    if (mode == AuthenticationMode.NONE) {
      return ANONYMOUS;
    }
    if (verifiedChain != null && verifiedChain.length > 0) {
      return commonName(verifiedChain[0]);
    }
    if (authorization != null
        && authorization.length() > BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      String token = authorization.substring(BEARER.length()).strip();
      return "token:" + HexFormat.of().formatHex(sha256(token), 0, 6);
    }
    return ANONYMOUS;
  }

  private static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      // fall back to the whole subject
    }
    return subject;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
