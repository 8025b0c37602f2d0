package io.palisade.correlation.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads pod specs: a Pod's own spec or the pod template of a workload (Deployment, CronJob…). */
final class PodSpecs {

  /** The container lists a pod spec has; privileged init or ephemeral containers count too. */
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  /** A container that runs privileged. */
  record PrivilegedContainer(String name, String image) {}

  private PodSpecs() {}

  /** The pod spec of a Kubernetes object, if it has one. */
  static Optional<JsonNode> podSpecOf(JsonNode object) {
    JsonNode spec = object.path("spec");
    if ("Pod".equals(Json.text(object, "kind")) || spec.has("containers")) {
      return Optional.of(spec);
    }
    JsonNode template = spec.path("template").path("spec");
    if (template.isObject()) {
      return Optional.of(template);
    }
    JsonNode jobTemplate = spec.path("jobTemplate").path("spec").path("template").path("spec");
    return jobTemplate.isObject() ? Optional.of(jobTemplate) : Optional.empty();
  }

  /** The containers with {@code securityContext.privileged: true}, in declaration order. */
  static List<PrivilegedContainer> privilegedContainers(JsonNode podSpec) {
    List<PrivilegedContainer> privileged = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      for (JsonNode container : podSpec.path(list)) {
        if (container.path("securityContext").path("privileged").asBoolean(false)) {
          privileged.add(
              new PrivilegedContainer(Json.text(container, "name"), Json.text(container, "image")));
        }
      }
    }
    return privileged;
  }

  /** The images of every container of the spec (containers, init and ephemeral), deduplicated. */
  static List<String> images(JsonNode podSpec) {
    List<String> images = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      for (JsonNode container : podSpec.path(list)) {
        String image = Json.text(container, "image");
        if (Entities.present(image) && !images.contains(image)) {
          images.add(image);
        }
      }
    }
    return images;
  }
}
