package io.palisade.correlation.sigma;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Compiles one {@code field|modifier|…: value(s)} entry into a {@link FieldCondition}.
 *
 * <p>Supported modifiers: {@code contains}, {@code startswith}, {@code endswith}, {@code all},
 * {@code cased}, {@code re} (with {@code i}, {@code m}, {@code s}), {@code cidr}, {@code exists},
 * {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code base64}, {@code base64offset} and {@code
 * fieldref}. Anything else, and any combination whose meaning is not defined (e.g. {@code
 * re|contains}, {@code contains|base64}), is refused with the reason.
 */
final class FieldConditionCompiler {

  /** An entry the engine cannot evaluate; {@code node} is the offending value when there is one. */
  static final class UnsupportedValueException extends Exception {
    private final transient Node node;

    UnsupportedValueException(String message, Node node) {
      super(message);
      this.node = node;
    }

    Node node() {
      return node;
    }
  }

  private enum Kind {
    STRING,
    REGEX,
    CIDR,
    EXISTS,
    COMPARE,
    FIELDREF
  }

  private enum Position {
    EXACT,
    CONTAINS,
    STARTSWITH,
    ENDSWITH
  }

  private enum Encoding {
    NONE,
    BASE64,
    BASE64OFFSET
  }

  private FieldConditionCompiler() {}

  static FieldCondition compile(String key, List<ScalarNode> values, SigmaLogsource logsource)
      throws UnsupportedValueException {
    String[] parts = key.split("\\|", -1);
    String field = parts[0];
    if (field.isEmpty()) {
      throw new UnsupportedValueException(
          "a modifier without a field is a keyword search (full-text), which is not supported for"
              + " Kubernetes logsources",
          null);
    }
    for (String segment : field.split("\\.", -1)) {
      if (segment.isEmpty()) {
        throw new UnsupportedValueException(
            "field name '" + field + "' has an empty segment", null);
      }
    }
    Kind kind = Kind.STRING;
    Position position = Position.EXACT;
    Encoding encoding = Encoding.NONE;
    boolean all = false;
    boolean cased = false;
    String compareOperator = null;
    int regexFlags = 0;
    for (int i = 1; i < parts.length; i++) {
      String modifier = parts[i];
      switch (modifier) {
        case "contains", "startswith", "endswith" -> {
          requireKind(kind, Kind.STRING, modifier);
          if (position != Position.EXACT) {
            throw new UnsupportedValueException(
                "'"
                    + modifier
                    + "' cannot be combined with another of contains/startswith/endswith",
                null);
          }
          position = Position.valueOf(modifier.toUpperCase(Locale.ROOT));
        }
        case "all" -> all = true;
        case "cased" -> cased = true;
        case "base64", "base64offset" -> {
          requireKind(kind, Kind.STRING, modifier);
          if (position != Position.EXACT) {
            throw new UnsupportedValueException(
                "'"
                    + modifier
                    + "' must come before contains/startswith/endswith (it encodes the"
                    + " plain value)",
                null);
          }
          if (encoding != Encoding.NONE) {
            throw new UnsupportedValueException(
                "only one of base64/base64offset may be used", null);
          }
          encoding = modifier.equals("base64") ? Encoding.BASE64 : Encoding.BASE64OFFSET;
        }
        case "re" -> kind = exclusive(kind, Kind.REGEX, modifier, position, encoding);
        case "i", "m", "s" -> {
          if (kind != Kind.REGEX) {
            throw new UnsupportedValueException(
                "'" + modifier + "' is a sub-modifier of 're' and must follow it", null);
          }
          regexFlags |=
              switch (modifier) {
                case "i" -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case "m" -> Pattern.MULTILINE;
                default -> Pattern.DOTALL;
              };
        }
        case "cidr" -> kind = exclusive(kind, Kind.CIDR, modifier, position, encoding);
        case "exists" -> kind = exclusive(kind, Kind.EXISTS, modifier, position, encoding);
        case "gt", "gte", "lt", "lte" -> {
          kind = exclusive(kind, Kind.COMPARE, modifier, position, encoding);
          compareOperator = modifier;
        }
        case "fieldref" -> kind = exclusive(kind, Kind.FIELDREF, modifier, position, encoding);
        case "windash" ->
            throw new UnsupportedValueException(
                "modifier 'windash' (Windows command-line dashes) is not supported", null);
        case "utf16le", "utf16be", "utf16", "wide" ->
            throw new UnsupportedValueException(
                "modifier '" + modifier + "' (UTF-16 encoding) is not supported", null);
        case "expand" ->
            throw new UnsupportedValueException(
                "modifier 'expand' (placeholders) is not supported: no placeholder values are"
                    + " configured",
                null);
        case "neq", "minute", "hour", "day", "week", "month", "year" ->
            throw new UnsupportedValueException(
                "modifier '" + modifier + "' is not supported", null);
        case "" -> throw new UnsupportedValueException("empty modifier", null);
        default -> throw new UnsupportedValueException("unknown modifier '" + modifier + "'", null);
      }
    }
    if (cased && kind != Kind.STRING && kind != Kind.FIELDREF) {
      throw new UnsupportedValueException(
          "'cased' applies to string and fieldref values only", null);
    }
    if (all && values.size() < 2) {
      throw new UnsupportedValueException(
          "'all' needs a list of at least two values (the specification forbids it on one value)",
          null);
    }
    if (all && (kind == Kind.EXISTS || kind == Kind.FIELDREF)) {
      throw new UnsupportedValueException(
          "'all' cannot be combined with '" + kind.name().toLowerCase(Locale.ROOT) + "'", null);
    }
    List<FieldPath> paths = logsource.pathsOf(field);
    return switch (kind) {
      case EXISTS -> exists(key, paths, values);
      case FIELDREF -> fieldref(key, paths, values, logsource, cased);
      default -> {
        List<ValueMatcher> matchers = new ArrayList<>();
        boolean matchesNull = false;
        for (ScalarNode value : values) {
          if (value.getTag().equals(Tag.NULL)) {
            if (kind != Kind.STRING
                || position != Position.EXACT
                || encoding != Encoding.NONE
                || all) {
              throw new UnsupportedValueException("null cannot be used with modifiers", value);
            }
            matchesNull = true;
            continue;
          }
          switch (kind) {
            case REGEX -> matchers.add(regex(value, regexFlags));
            case CIDR -> matchers.add(cidr(value));
            case COMPARE -> matchers.add(compare(value, compareOperator));
            default -> matchers.addAll(strings(value, position, encoding, cased));
          }
        }
        yield new FieldCondition.Values(key, paths, matchers, all, matchesNull);
      }
    };
  }

  private static void requireKind(Kind kind, Kind expected, String modifier)
      throws UnsupportedValueException {
    if (kind != expected) {
      throw new UnsupportedValueException(
          "'"
              + modifier
              + "' cannot be combined with '"
              + kind.name().toLowerCase(Locale.ROOT)
              + "'",
          null);
    }
  }

  private static Kind exclusive(
      Kind current, Kind next, String modifier, Position position, Encoding encoding)
      throws UnsupportedValueException {
    if (current != Kind.STRING || position != Position.EXACT || encoding != Encoding.NONE) {
      throw new UnsupportedValueException(
          "'"
              + modifier
              + "' cannot be combined with contains/startswith/endswith/base64 or another"
              + " type modifier",
          null);
    }
    return next;
  }

  private static FieldCondition exists(String key, List<FieldPath> paths, List<ScalarNode> values)
      throws UnsupportedValueException {
    ScalarNode value = values.get(0);
    if (values.size() != 1 || !value.getTag().equals(Tag.BOOL)) {
      throw new UnsupportedValueException(
          "'exists' takes one boolean value (true or false)", value);
    }
    return new FieldCondition.Exists(key, paths, Boolean.parseBoolean(bool(value)));
  }

  private static FieldCondition fieldref(
      String key,
      List<FieldPath> paths,
      List<ScalarNode> values,
      SigmaLogsource logsource,
      boolean cased)
      throws UnsupportedValueException {
    List<String> names = new ArrayList<>();
    List<List<FieldPath>> references = new ArrayList<>();
    for (ScalarNode value : values) {
      if (!value.getTag().equals(Tag.STR) || value.getValue().isEmpty()) {
        throw new UnsupportedValueException("'fieldref' takes field names", value);
      }
      names.add(value.getValue());
      references.add(logsource.pathsOf(value.getValue()));
    }
    return new FieldCondition.FieldRef(key, paths, names, references, cased);
  }

  private static ValueMatcher regex(ScalarNode value, int flags) throws UnsupportedValueException {
    if (!value.getTag().equals(Tag.STR)) {
      throw new UnsupportedValueException("'re' takes a string", value);
    }
    try {
      return new ValueMatcher.Regex(Pattern.compile(value.getValue(), flags));
    } catch (PatternSyntaxException e) {
      throw new UnsupportedValueException(
          "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex(),
          value);
    }
  }

  private static ValueMatcher cidr(ScalarNode value) throws UnsupportedValueException {
    String text = value.getValue().trim();
    int slash = text.indexOf('/');
    byte[] address = slash > 0 ? IpAddresses.parse(text.substring(0, slash)) : null;
    int prefix = -1;
    if (address != null) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
    }
    if (address == null || prefix < 0 || prefix > address.length * 8) {
      throw new UnsupportedValueException(
          "'" + text + "' is not a CIDR network such as 10.0.0.0/8 or fd00::/8", value);
    }
    return new ValueMatcher.Cidr(text, address, prefix);
  }

  private static ValueMatcher compare(ScalarNode value, String operator)
      throws UnsupportedValueException {
    if (!value.getTag().equals(Tag.INT) && !value.getTag().equals(Tag.FLOAT)) {
      throw new UnsupportedValueException("'" + operator + "' takes a number", value);
    }
    try {
      return new ValueMatcher.Compare(operator, new BigDecimal(value.getValue().replace("_", "")));
    } catch (NumberFormatException e) {
      throw new UnsupportedValueException(
          "'" + value.getValue() + "' is not a decimal number", value);
    }
  }

  private static List<ValueMatcher> strings(
      ScalarNode value, Position position, Encoding encoding, boolean cased)
      throws UnsupportedValueException {
    String text = plainText(value);
    if (encoding == Encoding.NONE) {
      SigmaString pattern = SigmaString.parse(text);
      pattern =
          switch (position) {
            case CONTAINS -> pattern.withLeadingStar().withTrailingStar();
            case STARTSWITH -> pattern.withTrailingStar();
            case ENDSWITH -> pattern.withLeadingStar();
            case EXACT -> pattern;
          };
      return List.of(pattern.compile(cased));
    }
    SigmaString plain = SigmaString.parse(text);
    if (plain.hasWildcards()) {
      throw new UnsupportedValueException(
          "base64 encoding of a value with wildcards is not possible", value);
    }
    byte[] bytes = plain.literal().getBytes(StandardCharsets.UTF_8);
    List<String> encoded =
        encoding == Encoding.BASE64
            ? List.of(Base64.getEncoder().encodeToString(bytes))
            : base64Offsets(bytes);
    if (encoding == Encoding.BASE64OFFSET && position != Position.CONTAINS) {
      throw new UnsupportedValueException(
          "'base64offset' is only meaningful with 'contains' after it", value);
    }
    List<ValueMatcher> matchers = new ArrayList<>();
    for (String variant : encoded) {
      // encoded text is compared exactly: lower-casing base64 would match other bytes
      matchers.add(
          switch (position) {
            case CONTAINS -> new ValueMatcher.Contains(variant, true);
            case STARTSWITH -> new ValueMatcher.StartsWith(variant, true);
            case ENDSWITH -> new ValueMatcher.EndsWith(variant, true);
            case EXACT -> new ValueMatcher.Equals(variant, true);
          });
    }
    return matchers;
  }

  /**
   * The three base64 forms of {@code bytes} at offsets 0, 1 and 2 within an encoded string, with
   * the characters that depend on neighbouring bytes cut off (as pySigma computes them).
   */
  static List<String> base64Offsets(byte[] bytes) {
    int[] starts = {0, 2, 3};
    int[] endCuts = {0, 3, 2};
    List<String> variants = new ArrayList<>();
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[bytes.length + shift];
      for (int i = 0; i < shift; i++) {
        shifted[i] = ' ';
      }
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      String encoded = Base64.getEncoder().encodeToString(shifted);
      int end = encoded.length() - endCuts[(bytes.length + shift) % 3];
      int start = starts[shift];
      variants.add(start < end ? encoded.substring(start, end) : "");
    }
    return variants;
  }

  private static String plainText(ScalarNode value) throws UnsupportedValueException {
    Tag tag = value.getTag();
    if (tag.equals(Tag.STR)) {
      return value.getValue();
    }
    if (tag.equals(Tag.BOOL)) {
      return bool(value);
    }
    if (tag.equals(Tag.INT)) {
      try {
        return new BigDecimal(value.getValue().replace("_", "")).toPlainString();
      } catch (NumberFormatException e) {
        return value.getValue(); // octal/hex/sexagesimal YAML 1.1 forms: compare as written
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      return value.getValue();
    }
    throw new UnsupportedValueException("unsupported value type " + tag, value);
  }

  private static String bool(ScalarNode value) {
    return switch (value.getValue().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y" -> "true";
      default -> "false";
    };
  }
}
