package io.palisade.admission.review;

/** A Kubernetes {@code {group, version, resource}}; the core group is the empty string. */
public record GroupVersionResource(String group, String version, String resource) {

  /**
   * The group-qualified resource as Kubernetes prints it in errors: {@code pods}, {@code
   * deployments.apps}.
   */
  public String groupResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
