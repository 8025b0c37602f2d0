package io.palisade.admission.policy.resources;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1.5}, {@code 256Mi}, {@code 1G}, {@code
 * 1e3}) as an exact decimal, so amounts written differently compare correctly ({@code 1Gi} > {@code
 * 1000Mi} > {@code 1G}).
 */
final class Quantity {

  private static final Pattern FORMAT =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantity() {}

  /** The amount written in {@code text}, empty when it is not a quantity. */
  static Optional<BigDecimal> parse(String text) {
    Matcher matcher = FORMAT.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2);
    if (suffix == null) {
      return Optional.of(number);
    }
    BigDecimal factor = SUFFIXES.get(suffix);
    if (factor != null) {
      return Optional.of(number.multiply(factor));
    }
    return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
  }

  /**
   * @throws IllegalArgumentException naming the setting when {@code text} is not a quantity
   */
  static BigDecimal require(String setting, String text) {
    return parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    setting + " \"" + text + "\" is not a Kubernetes quantity (e.g. 500m, 1Gi)"));
  }
}
