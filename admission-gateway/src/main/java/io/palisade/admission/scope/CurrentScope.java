package io.palisade.admission.scope;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The scope in force: the latest valid version of the policy file, or the built-in scope. A type of
 * its own rather than a {@code Supplier} bean, because Spring Cloud Function (on the classpath when
 * all services share one JVM) takes every {@code Supplier} bean for a message source.
 */
public final class CurrentScope {

  private final Supplier<AdmissionScope> scope;

  public CurrentScope(Supplier<AdmissionScope> scope) {
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /** The scope of the latest valid policy file. */
  public AdmissionScope get() {
    return scope.get();
  }

  /** Where the scope comes from: a {@link ReloadingConfig} when a policy file is configured. */
  public Supplier<AdmissionScope> source() {
    return scope;
  }
}
