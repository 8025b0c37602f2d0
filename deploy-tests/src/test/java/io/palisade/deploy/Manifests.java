package io.palisade.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The rendered objects of {@code k8s/base} and of each overlay, rendered once per test run. */
final class Manifests {

  static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/dev", "overlays/prod");
  static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod");

  private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

  private final List<ObjectNode> objects;

  private Manifests(List<ObjectNode> objects) {
    this.objects = objects;
  }

  /** {@code kustomization} is a directory below {@code k8s/}, e.g. {@code overlays/prod}. */
  static Manifests of(String kustomization) {
    return new Manifests(
        RENDERED.computeIfAbsent(
            kustomization, k -> List.copyOf(Kustomize.render(Repository.path("k8s/" + k)))));
  }

  List<ObjectNode> all() {
    return objects;
  }

  List<ObjectNode> ofKind(String kind) {
    return objects.stream().filter(o -> o.path("kind").stringValue("").equals(kind)).toList();
  }

  Optional<ObjectNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
  }

  ObjectNode get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /** The service's mounted configuration file (ConfigMap {@code <service>-config}), as a tree. */
  JsonNode configOf(String service) {
    ObjectNode configMap = get("ConfigMap", service + "-config");
    JsonNode file = configMap.path("data").path(service + ".yml");
    if (!file.isString()) {
      throw new AssertionError("ConfigMap " + service + "-config has no " + service + ".yml");
    }
    return Yaml.parse(file.stringValue());
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").stringValue("");
  }
}
