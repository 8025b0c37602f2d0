package io.palisade.admission.pss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a pod that Pod Security checks read, found once per evaluation so that each check
 * does not walk the JSON again. Missing fields are {@link JsonNode#isMissingNode() missing nodes},
 * never null, so checks read with {@code path(...)} and never throw on an unexpected shape.
 *
 * @param metadata the pod's (or pod template's) metadata
 * @param spec the pod spec
 * @param containers {@code initContainers}, {@code containers}, then {@code ephemeralContainers},
 *     the order in which PSA visits and names them
 */
public record PodSpecView(JsonNode metadata, JsonNode spec, List<JsonNode> containers) {

  private static final String[] CONTAINER_FIELDS = {
    "initContainers", "containers", "ephemeralContainers"
  };

  public PodSpecView {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
    containers = Collections.unmodifiableList(containers);
  }

  /** A view of a pod given by its metadata and spec (either may be a missing node). */
  public static PodSpecView of(JsonNode metadata, JsonNode spec) {
    List<JsonNode> containers = new ArrayList<>();
    for (String field : CONTAINER_FIELDS) {
      JsonNode list = spec.path(field);
      if (list.isArray()) {
        for (JsonNode container : list) {
          containers.add(container);
        }
      }
    }
    return new PodSpecView(metadata, spec, containers);
  }

  /** {@code spec.securityContext} (a missing node when unset). */
  public JsonNode podSecurityContext() {
    return spec.path("securityContext");
  }

  /** {@code metadata.annotations} (a missing node when unset). */
  public JsonNode annotations() {
    return metadata.path("annotations");
  }

  /** Whether {@code spec.os.name} is {@code windows}: some restricted checks exempt such pods. */
  public boolean isWindows() {
    return "windows".equals(spec.path("os").path("name").stringValue(null));
  }

  /**
   * Whether the pod runs in a user namespace ({@code spec.hostUsers: false}), which relaxes some
   * checks from v1.35.
   */
  public boolean inUserNamespace() {
    JsonNode hostUsers = spec.path("hostUsers");
    return hostUsers.isBoolean() && !hostUsers.booleanValue();
  }

  /** A container's name, as PSA prints it. */
  public static String name(JsonNode container) {
    return container.path("name").stringValue("");
  }

  /** A container's {@code securityContext} (a missing node when unset). */
  public static JsonNode securityContext(JsonNode container) {
    return container.path("securityContext");
  }

  /** Whether a field is set to something other than null (Go: a non-nil pointer). */
  public static boolean isSet(JsonNode field) {
    return !field.isMissingNode() && !field.isNull();
  }

  /** Whether a boolean field is explicitly {@code true}. */
  public static boolean isTrue(JsonNode field) {
    return field.isBoolean() && field.booleanValue();
  }

  /** Whether a boolean field is explicitly {@code false}. */
  public static boolean isFalse(JsonNode field) {
    return field.isBoolean() && !field.booleanValue();
  }

  /** A string field, or {@code ""} when it is unset (Go's zero value). */
  public static String text(JsonNode field) {
    return field.isString() ? field.stringValue() : "";
  }
}
