package io.palisade.audit.redact;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces credentials in the query string of a request URI with {@value AuditRedactor#MARKER},
 * keeping the parameter names: parameters named like a credential ({@code access_token}, {@code
 * token}, {@code id_token}, {@code refresh_token}, {@code bearer}, {@code authorization}, {@code
 * password}, {@code client_secret}, {@code api_key}, …; the name is compared URL-decoded and case
 * insensitively) and any value that is a JWT ({@code eyJ….….…}) or starts with {@code Bearer }.
 */
final class RequestUriRedactor {

  static final Set<String> CREDENTIAL_PARAMETERS =
      Set.of(
          "access_token",
          "token",
          "id_token",
          "refresh_token",
          "bearer",
          "bearer_token",
          "authorization",
          "password",
          "passwd",
          "secret",
          "client_secret",
          "api_key",
          "apikey");

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  /** The URI with its credentials replaced, and how many; the same string when it has none. */
  record Result(String uri, int redacted) {}

  Result redact(String uri) {
    int query = uri == null ? -1 : uri.indexOf('?');
    if (query < 0) {
      return new Result(uri, 0);
    }
    int fragment = uri.indexOf('#', query);
    String tail = fragment < 0 ? "" : uri.substring(fragment);
    String[] parameters =
        uri.substring(query + 1, fragment < 0 ? uri.length() : fragment).split("&", -1);
    int redacted = 0;
    for (int i = 0; i < parameters.length; i++) {
      String parameter = parameters[i];
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      String value = equals < 0 ? "" : parameter.substring(equals + 1);
      if (!value.isEmpty() && isCredential(name, value)) {
        parameters[i] = name + "=" + AuditRedactor.MARKER;
        redacted++;
      }
    }
    if (redacted == 0) {
      return new Result(uri, 0);
    }
    return new Result(uri.substring(0, query + 1) + String.join("&", parameters) + tail, redacted);
  }

  private static boolean isCredential(String name, String value) {
    if (CREDENTIAL_PARAMETERS.contains(decode(name).toLowerCase(Locale.ROOT))) {
      return true;
    }
    String decoded = decode(value);
    return JWT.matcher(decoded).find()
        || decoded.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length());
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a malformed escape: compare the text as it is
    }
  }
}
