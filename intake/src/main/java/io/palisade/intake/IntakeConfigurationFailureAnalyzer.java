package io.palisade.intake;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints an {@link IntakeConfigurationException} as Spring Boot's "APPLICATION FAILED TO START".
 */
public final class IntakeConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<IntakeConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, IntakeConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
