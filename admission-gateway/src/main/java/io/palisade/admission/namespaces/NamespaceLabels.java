package io.palisade.admission.namespaces;

import java.util.Map;

/**
 * The labels of the cluster's namespaces, as the admission gateway needs them on every request (the
 * {@code pod-security.kubernetes.io/*} labels, and labels policies may look at). Reads must be fast
 * and never block for long: implementations answer from memory.
 */
public interface NamespaceLabels {

  /**
   * The labels of {@code namespace}; empty when the namespace has none or is unknown. An unknown
   * namespace therefore gets the cluster defaults, which is also what PSA applies to a namespace
   * without labels.
   */
  Map<String, String> labels(String namespace);

  /** Whether the source has a complete view (an informer has listed all namespaces once). */
  boolean synced();
}
