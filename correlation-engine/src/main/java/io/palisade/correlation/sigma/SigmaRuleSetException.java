package io.palisade.correlation.sigma;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set refused as a whole: every rule error found, one per line of the message. */
public class SigmaRuleSetException extends RuntimeException {

  private final List<SigmaRuleException> errors;

  public SigmaRuleSetException(List<SigmaRuleException> errors) {
    super(
        errors.size()
            + " Sigma rule error(s):\n"
            + errors.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<SigmaRuleException> errors() {
    return errors;
  }
}
