package io.palisade.intake;

/**
 * What a cluster name may look like. It becomes part of record keys and of the CloudEvents source
 * URI, so it is restricted to characters that are safe in both.
 */
public final class ClusterName {

  public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

  private ClusterName() {}

  /** Returns {@code cluster} if it is a valid name, else throws a 400. */
  public static String require(String cluster) {
    if (cluster == null || !cluster.matches(PATTERN)) {
      throw new InvalidEvidenceException(
          "invalid-cluster",
          "cluster name '"
              + cluster
              + "' is not valid: use letters, digits, '.', '_' or '-' (at most 128)");
    }
    return cluster;
  }
}
