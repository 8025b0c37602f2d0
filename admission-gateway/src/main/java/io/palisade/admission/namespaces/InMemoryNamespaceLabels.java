package io.palisade.admission.namespaces;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespace labels held in memory and set by the caller: for tests and the all-in-one setup, where
 * there is no Kubernetes API. Always synced.
 */
public final class InMemoryNamespaceLabels implements NamespaceLabels {

  private final Map<String, Map<String, String>> byNamespace = new ConcurrentHashMap<>();

  /** Sets (replaces) the labels of a namespace. */
  public void put(String namespace, Map<String, String> labels) {
    byNamespace.put(namespace, Map.copyOf(labels));
  }

  public void remove(String namespace) {
    byNamespace.remove(namespace);
  }

  @Override
  public Map<String, String> labels(String namespace) {
    return byNamespace.getOrDefault(namespace, Map.of());
  }

  @Override
  public boolean synced() {
    return true;
  }
}
