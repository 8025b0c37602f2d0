package io.palisade.notify.receiver;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps secrets out of logs, exceptions and the delivery log. Receiver URLs often carry secrets
 * (tokens in the query, whole Slack webhook paths), so a URL is only ever shown as its origin;
 * header values (authorization schemes and their credentials) are blanked wherever they appear.
 */
public final class Redactor {

  static final String MASK = "[redacted]";

  /** Shorter fragments are not masked: they would blank ordinary words, not secrets. */
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> secrets;
  private final String shownUrl;

  private Redactor(URI url, Collection<String> secretValues) {
    this.shownUrl = url == null ? MASK : display(url);
    List<String> all = new ArrayList<>();
    if (url != null) {
      add(all, url.toString());
      add(all, url.getRawQuery());
      add(all, url.getQuery());
      add(all, url.getRawUserInfo());
      add(all, url.getUserInfo());
      add(all, url.getRawPath());
    }
    for (String value : secretValues) {
      add(all, value);
      if (value != null && value.strip().contains(" ")) {
        // "Bearer abc…": the credential also appears on its own
        add(all, value.substring(value.strip().lastIndexOf(' ') + 1));
      }
    }
    // longest first, so that a URL is replaced whole before its parts are
    all.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(all);
  }

  /** A redactor for requests to {@code url} that carry the given secret values. */
  public static Redactor of(URI url, Collection<String> secretValues) {
    return new Redactor(url, secretValues);
  }

  /**
   * How a receiver URL may be shown: {@code scheme://host[:port]}, nothing that could be secret.
   */
  public static String display(URI url) {
    if (url == null || url.getHost() == null) {
      return MASK;
    }
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme() + "://" + url.getHost() + port;
  }

  /** {@code text} with every known secret replaced; the URL becomes its origin. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      String replacement = secret.startsWith(shownUrl) || looksLikeUrl(secret) ? shownUrl : MASK;
      result = result.replace(secret, replacement);
    }
    return result;
  }

  private static boolean looksLikeUrl(String value) {
    return value.contains("://");
  }

  private static void add(List<String> secrets, String value) {
    if (value != null && value.strip().length() >= MIN_SECRET_LENGTH && !value.equals("/")) {
      secrets.add(value.strip());
    }
  }
}
