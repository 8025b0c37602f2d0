package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a Sigma {@code condition} into a {@link ConditionNode}, once, at load.
 *
 * <p>Grammar (Sigma v2 precedence, least to most binding: {@code or}, {@code and}, {@code not},
 * {@code x of}, parentheses):
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | primary
 * primary := "(" or ")" | ("1" | "all") "of" ("them" | pattern) | identifier
 * </pre>
 *
 * Keywords are lower case, as the specification writes them. {@code them} means every search
 * identifier not starting with {@code _}; a pattern's {@code *} matches any run of characters. The
 * deprecated aggregation syntax ({@code | count() by …}) and {@code near} are refused: aggregations
 * are correlation rules, which this engine does not evaluate.
 */
final class ConditionParser {

  /** A condition the engine cannot parse; {@code position} is the 0-based offset in its text. */
  static final class ConditionException extends Exception {
    private final int position;

    ConditionException(String message, int position) {
      super(message);
      this.position = position;
    }

    int position() {
      return position;
    }
  }

  private record Token(String text, int position) {}

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_*.\\-]+");

  private final String condition;
  private final Map<String, Selection> selections;
  private final List<Token> tokens;
  private int next;

  private ConditionParser(String condition, Map<String, Selection> selections, List<Token> tokens) {
    this.condition = condition;
    this.selections = selections;
    this.tokens = tokens;
  }

  /** Parses {@code condition} against the rule's selections (in their order of definition). */
  static ConditionNode parse(String condition, Map<String, Selection> selections)
      throws ConditionException {
    ConditionParser parser = new ConditionParser(condition, selections, tokenize(condition));
    if (parser.tokens.isEmpty()) {
      throw new ConditionException("the condition is empty", 0);
    }
    ConditionNode node = parser.or();
    if (parser.next < parser.tokens.size()) {
      Token token = parser.tokens.get(parser.next);
      throw new ConditionException("unexpected '" + token.text() + "'", token.position());
    }
    return node;
  }

  private static List<Token> tokenize(String condition) throws ConditionException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < condition.length()) {
      char c = condition.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(new Token(String.valueOf(c), i));
        i++;
      } else if (c == '|') {
        throw new ConditionException(
            "aggregation expressions ('| count() …') are not supported; they are deprecated in"
                + " Sigma v2 in favour of correlation rules, which this engine does not evaluate",
            i);
      } else {
        int start = i;
        while (i < condition.length()
            && !Character.isWhitespace(condition.charAt(i))
            && "()|".indexOf(condition.charAt(i)) < 0) {
          i++;
        }
        String word = condition.substring(start, i);
        if (!IDENTIFIER.matcher(word).matches()) {
          throw new ConditionException("'" + word + "' is not a search identifier", start);
        }
        tokens.add(new Token(word, start));
      }
    }
    return tokens;
  }

  private ConditionNode or() throws ConditionException {
    List<ConditionNode> operands = new ArrayList<>();
    operands.add(and());
    while (accept("or")) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new ConditionNode.Or(operands);
  }

  private ConditionNode and() throws ConditionException {
    List<ConditionNode> operands = new ArrayList<>();
    operands.add(not());
    while (accept("and")) {
      operands.add(not());
    }
    return operands.size() == 1 ? operands.get(0) : new ConditionNode.And(operands);
  }

  private ConditionNode not() throws ConditionException {
    if (accept("not")) {
      return new ConditionNode.Not(not());
    }
    return primary();
  }

  private ConditionNode primary() throws ConditionException {
    Token token = take("a search identifier, 'not', '1 of', 'all of' or '('");
    String text = token.text();
    if (text.equals("(")) {
      ConditionNode inner = or();
      Token close = take("')'");
      if (!close.text().equals(")")) {
        throw new ConditionException(
            "expected ')' but found '" + close.text() + "'", close.position());
      }
      return inner;
    }
    if (isKeyword(text) && !text.equals("all")) {
      throw new ConditionException("unexpected '" + text + "'", token.position());
    }
    if (next < tokens.size() && tokens.get(next).text().equals("of")) {
      return quantifier(token);
    }
    if (text.equals("all") || text.matches("\\d+")) {
      throw new ConditionException("'" + text + "' must be followed by 'of'", token.position());
    }
    if (text.contains("*")) {
      throw new ConditionException(
          "a pattern such as '" + text + "' is only allowed after '1 of' or 'all of'",
          token.position());
    }
    Selection selection = selections.get(text);
    if (selection == null) {
      throw new ConditionException("unknown search identifier '" + text + "'", token.position());
    }
    return new ConditionNode.Ref(selection);
  }

  private ConditionNode quantifier(Token quantity) throws ConditionException {
    boolean all;
    if (quantity.text().equals("all")) {
      all = true;
    } else if (quantity.text().equals("1")) {
      all = false;
    } else {
      throw new ConditionException(
          "'" + quantity.text() + " of' is not Sigma: only '1 of' and 'all of' are",
          quantity.position());
    }
    next++; // "of"
    Token target = take("'them' or a search identifier pattern");
    List<ConditionNode> named = new ArrayList<>();
    if (target.text().equals("them")) {
      selections.forEach(
          (name, selection) -> {
            if (!name.startsWith("_")) {
              named.add(new ConditionNode.Ref(selection));
            }
          });
      if (named.isEmpty()) {
        throw new ConditionException(
            "'them' names no search identifier (those starting with '_' are excluded)",
            target.position());
      }
    } else {
      if (isKeyword(target.text()) || target.text().equals("(")) {
        throw new ConditionException(
            "expected 'them' or a search identifier pattern after 'of'", target.position());
      }
      Pattern pattern = wildcardPattern(target.text());
      selections.forEach(
          (name, selection) -> {
            if (pattern.matcher(name).matches()) {
              named.add(new ConditionNode.Ref(selection));
            }
          });
      if (named.isEmpty()) {
        throw new ConditionException(
            "'" + target.text() + "' names no search identifier", target.position());
      }
    }
    if (named.size() == 1) {
      return named.get(0);
    }
    return all ? new ConditionNode.And(named) : new ConditionNode.Or(named);
  }

  private static Pattern wildcardPattern(String text) {
    List<String> quoted = new ArrayList<>();
    for (String part : text.split("\\*", -1)) {
      quoted.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join(".*", quoted));
  }

  private static boolean isKeyword(String text) {
    return switch (text) {
      case "and", "or", "not", "of", "them", "all", ")" -> true;
      default -> false;
    };
  }

  private boolean accept(String keyword) {
    if (next < tokens.size() && tokens.get(next).text().equals(keyword)) {
      next++;
      return true;
    }
    return false;
  }

  private Token take(String expected) throws ConditionException {
    if (next >= tokens.size()) {
      throw new ConditionException("expected " + expected + " at the end", condition.length());
    }
    return tokens.get(next++);
  }
}
