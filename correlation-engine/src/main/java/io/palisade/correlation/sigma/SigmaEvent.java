package io.palisade.correlation.sigma;

/**
 * One event as Sigma rules see it: values looked up by dotted field path.
 *
 * <p>A path yields zero or more values. Arrays on the way are walked element-wise, so {@code
 * requestObject.spec.containers.securityContext.privileged} yields one value per container that has
 * it, as Sigma backends match arrays. Values are handed to the test as {@link String}, {@link
 * Number}, {@link Boolean}, {@code null} (a JSON null) or {@link #STRUCTURED} (an object: present,
 * but not a scalar). A missing path yields no value at all.
 */
public interface SigmaEvent {

  /**
   * Stands for an object value: it exists (for {@code *} and {@code exists}) but equals nothing.
   */
  Object STRUCTURED =
      new Object() {
        @Override
        public String toString() {
          return "{…}";
        }
      };

  /** A test on one value; returning true stops the walk. */
  @FunctionalInterface
  interface ValueTest {
    boolean test(Object value);
  }

  /**
   * Whether {@code test} accepts any of the values at {@code path}; stops at the first that does.
   */
  boolean anyValue(FieldPath path, ValueTest test);
}
