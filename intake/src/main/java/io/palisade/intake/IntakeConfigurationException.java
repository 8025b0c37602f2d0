package io.palisade.intake;

/**
 * An intake cannot start as configured, e.g. TLS is required but no certificate is given. The
 * message says what is wrong, {@link #action()} what to set; both are printed at startup.
 */
public class IntakeConfigurationException extends RuntimeException {

  private final String action;

  public IntakeConfigurationException(String problem, String action) {
    super(problem);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
