package io.palisade.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of Kustomize that
 * Palisade's {@code k8s/} uses, so that the tests check what an overlay really deploys without the
 * kustomize binary:
 *
 * <ul>
 *   <li>{@code resources}: files and directories holding a kustomization;
 *   <li>{@code patches} with a {@code path} and an optional {@code target} ({@code kind}, {@code
 *       name}): a file holding a list is a JSON 6902 patch ({@code add}, {@code replace}, {@code
 *       remove}) applied to every target; a file of objects is a strategic-merge patch of the
 *       object with the same kind and name, merged as maps (lists are replaced, which is what
 *       strategic merge does for lists without merge keys; the patches here replace no keyed list);
 *   <li>{@code namespace}: set on every namespaced object.
 * </ul>
 *
 * Any other field, a patch that matches nothing, or a duplicate object fails the rendering, so the
 * subset cannot silently drift from what the files use.
 */
final class Kustomize {

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "namespace", "resources", "patches");
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration");

  private Kustomize() {}

  static Path kustomizationFile(Path directory) {
    return directory.resolve("kustomization.yaml");
  }

  /** The objects the kustomization in {@code directory} renders to. */
  static List<ObjectNode> render(Path directory) {
    JsonNode kustomization = Yaml.single(kustomizationFile(directory));
    for (Iterator<String> fields = kustomization.propertyNames().iterator(); fields.hasNext(); ) {
      String field = fields.next();
      if (!SUPPORTED.contains(field)) {
        throw new UnsupportedOperationException(
            directory + ": kustomization field '" + field + "' is not supported by this renderer");
      }
    }
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = directory.resolve(resource.stringValue()).normalize();
      objects.addAll(Files.isDirectory(path) ? render(path) : Yaml.objects(path));
    }
    for (JsonNode patch : kustomization.path("patches")) {
      applyPatch(directory, patch, objects);
    }
    String namespace = kustomization.path("namespace").stringValue("");
    if (!namespace.isEmpty()) {
      for (ObjectNode object : objects) {
        if (!CLUSTER_SCOPED.contains(object.path("kind").stringValue(""))) {
          setNamespace(object, namespace);
        }
      }
    }
    requireUnique(directory, objects);
    return objects;
  }

  private static void applyPatch(Path directory, JsonNode patch, List<ObjectNode> objects) {
    if (!patch.has("path")) {
      throw new UnsupportedOperationException(
          directory + ": only patches with a path are supported");
    }
    Path file = directory.resolve(patch.path("path").stringValue()).normalize();
    JsonNode target = patch.path("target");
    List<JsonNode> documents = Yaml.documents(file);
    if (documents.size() == 1 && documents.get(0).isArray()) {
      List<ObjectNode> targets = objects.stream().filter(o -> matches(o, target)).toList();
      if (targets.isEmpty()) {
        throw new IllegalStateException(file + " matches no object (target " + target + ")");
      }
      targets.forEach(object -> JsonPatch.apply(object, (ArrayNode) documents.get(0), file));
      return;
    }
    for (JsonNode document : documents) {
      List<ObjectNode> targets =
          objects.stream()
              .filter(o -> matches(o, target))
              .filter(o -> o.path("kind").equals(document.path("kind")))
              .filter(
                  o ->
                      o.path("metadata")
                          .path("name")
                          .equals(document.path("metadata").path("name")))
              .toList();
      if (targets.size() != 1) {
        throw new IllegalStateException(
            file
                + ": "
                + document.path("kind").stringValue("")
                + " "
                + document.path("metadata").path("name").stringValue("")
                + " must match exactly one object, matches "
                + targets.size());
      }
      merge(targets.get(0), (ObjectNode) document);
    }
  }

  private static boolean matches(ObjectNode object, JsonNode target) {
    if (target.isMissingNode()) {
      return true;
    }
    for (Map.Entry<String, String> field :
        Map.of("kind", "kind", "name", "metadata.name").entrySet()) {
      JsonNode wanted = target.path(field.getKey());
      if (wanted.isMissingNode()) {
        continue;
      }
      JsonNode actual =
          field.getKey().equals("kind")
              ? object.path("kind")
              : object.path("metadata").path("name");
      if (!wanted.equals(actual)) {
        return false;
      }
    }
    return true;
  }

  /** Merges maps recursively; any other value (lists included) replaces; null removes. */
  static void merge(ObjectNode into, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode existing = into.get(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull()) {
        into.remove(field.getKey());
      } else if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode add) {
        merge(existingObject, add);
      } else {
        into.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private static void setNamespace(ObjectNode object, String namespace) {
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    String existing = metadata.path("namespace").stringValue("");
    if (!existing.isEmpty() && !existing.equals(namespace)) {
      throw new IllegalStateException(
          object.path("kind").stringValue("")
              + " "
              + metadata.path("name").stringValue("")
              + " is in namespace "
              + existing
              + ", the kustomization sets "
              + namespace);
    }
    metadata.put("namespace", namespace);
  }

  private static void requireUnique(Path directory, List<ObjectNode> objects) {
    Set<String> seen = new HashSet<>();
    for (ObjectNode object : objects) {
      String id =
          object.path("apiVersion").stringValue("")
              + " "
              + object.path("kind").stringValue("")
              + " "
              + object.path("metadata").path("namespace").stringValue("")
              + "/"
              + object.path("metadata").path("name").stringValue("");
      if (!seen.add(id)) {
        throw new IllegalStateException(directory + " renders " + id + " twice");
      }
    }
  }
}
