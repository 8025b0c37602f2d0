package io.palisade.correlation.sigma;

/**
 * A Sigma rule the engine refuses at load, because it is malformed or uses a construct the engine
 * cannot evaluate. The message names the file, the rule (title and id when known), the line and the
 * construct; the rule is never half-applied.
 */
public class SigmaRuleException extends RuntimeException {

  private final String source;
  private final String rule;
  private final int line;
  private final String problem;

  public SigmaRuleException(String source, String rule, int line, String problem) {
    super(format(source, rule, line, problem));
    this.source = source;
    this.rule = rule;
    this.line = line;
    this.problem = problem;
  }

  private static String format(String source, String rule, int line, String problem) {
    StringBuilder message = new StringBuilder(source);
    if (line > 0) {
      message.append(':').append(line);
    }
    if (rule != null) {
      message.append(": rule ").append(rule);
    }
    return message.append(": ").append(problem).toString();
  }

  /** The file (or name) the rule came from. */
  public String source() {
    return source;
  }

  /** The rule's title and id as far as they were read, or null. */
  public String rule() {
    return rule;
  }

  /** The 1-based line of the offending construct, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
