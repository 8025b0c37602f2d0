package io.palisade.admission.policy;

/**
 * Keeps finding messages short: they become API-server warnings, which the API documentation asks
 * to keep under 120 characters, and one long image name must not push the others out.
 */
public final class ShortText {

  /** The longest message a Palisade policy reports. */
  public static final int MAX_MESSAGE = 120;

  /** The longest value (image, name, label value) quoted inside a message. */
  public static final int MAX_VALUE = 60;

  private ShortText() {}

  /** {@code "value"} in double quotes, cut to {@link #MAX_VALUE} characters. */
  public static String quote(String value) {
    return "\"" + cut(value, MAX_VALUE) + "\"";
  }

  /** The text itself when it fits, otherwise its first {@code max - 1} characters and "…". */
  public static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
