package io.palisade.admission.publish;

import io.palisade.admission.review.AdmissionRequest;
import io.palisade.avro.OwnerWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What the published decision says about the object under review, read from its raw JSON: its owner
 * workload and the images of its pod or pod template. The object is {@code request.object}, or
 * {@code oldObject} when there is none (DELETE). Unlike the policies, this reads every object of a
 * known kind, also on UPDATEs that no policy re-checks: the record describes the object, not the
 * checks.
 */
final class RecordedObject {

  /** Where each kind keeps its pod spec, by {@code group/Kind}. */
  private static final Map<String, Function<JsonNode, JsonNode>> POD_SPECS =
      Map.of(
          "/Pod", o -> o.path("spec"),
          "/PodTemplate", o -> o.path("template").path("spec"),
          "/ReplicationController", o -> o.path("spec").path("template").path("spec"),
          "apps/ReplicaSet", o -> o.path("spec").path("template").path("spec"),
          "apps/Deployment", o -> o.path("spec").path("template").path("spec"),
          "apps/StatefulSet", o -> o.path("spec").path("template").path("spec"),
          "apps/DaemonSet", o -> o.path("spec").path("template").path("spec"),
          "batch/Job", o -> o.path("spec").path("template").path("spec"),
          "batch/CronJob",
              o -> o.path("spec").path("jobTemplate").path("spec").path("template").path("spec"));

  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  private RecordedObject() {}

  /**
   * Every container image of the pod or pod template, init containers first, then regular, then
   * ephemeral ones, as written (duplicates kept: each is a container); empty for other kinds.
   */
  static List<String> images(AdmissionRequest request) {
    Function<JsonNode, JsonNode> podSpec = POD_SPECS.get(kindKey(request));
    if (podSpec == null) {
      return List.of();
    }
    JsonNode spec = podSpec.apply(object(request));
    List<String> images = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      for (JsonNode container : spec.path(list)) {
        String image = container.path("image").stringValue("");
        if (!image.isEmpty()) {
          images.add(image);
        }
      }
    }
    return images;
  }

  /**
   * The workload the object belongs to: the owner reference marked {@code controller: true} (a
   * pod's ReplicaSet, a ReplicaSet's Deployment, a Job's CronJob), else the object itself for a Pod
   * or pod controller (a bare pod, a Deployment); null for other kinds.
   */
  static OwnerWorkload owner(AdmissionRequest request) {
    JsonNode metadata = object(request).path("metadata");
    for (JsonNode reference : metadata.path("ownerReferences")) {
      if (reference.path("controller").isBoolean() && reference.path("controller").booleanValue()) {
        String kind = reference.path("kind").stringValue("");
        String name = reference.path("name").stringValue("");
        if (!kind.isEmpty() && !name.isEmpty()) {
          return new OwnerWorkload(kind, name);
        }
      }
    }
    String name = request.objectName();
    if (POD_SPECS.containsKey(kindKey(request)) && !name.isEmpty()) {
      return new OwnerWorkload(request.kind().kind(), name);
    }
    return null;
  }

  private static JsonNode object(AdmissionRequest request) {
    return request.object().isObject() ? request.object() : request.oldObject();
  }

  private static String kindKey(AdmissionRequest request) {
    return request.kind().group() + "/" + request.kind().kind();
  }
}
