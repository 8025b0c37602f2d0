package io.palisade.correlation.detect;

import io.palisade.avro.Entity;
import io.palisade.avro.OwnerWorkload;
import io.palisade.avro.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The entities that bridge a pod to what it belongs to, so that correlation links evidence about a
 * pod with evidence about its workload, its node, and the requests its service-account token made:
 *
 * <ul>
 *   <li>{@link #ofPod}: the pod's WORKLOAD, from the pod object's controller {@code
 *       ownerReferences} when evidence carries the object (a ReplicaSet named {@code
 *       <deployment>-<hash>} stands for its Deployment), else from the name when it has the shape
 *       of a Deployment's pod, {@code <deployment>-<pod-template-hash>-<5 characters>}; and the
 *       NODE of {@code spec.nodeName}. A StatefulSet's {@code <name>-<ordinal>}, a DaemonSet's or a
 *       Job's {@code <name>-<5 characters>} cannot be told apart from an ordinary hyphenated name,
 *       so no workload is derived from such names;
 *   <li>{@link #ofToken}: for a request authenticated by a pod-bound service-account token, the POD
 *       ({@code user.extra["authentication.kubernetes.io/pod-name"]} in the service account's
 *       namespace) and the NODE ({@code authentication.kubernetes.io/node-name}).
 * </ul>
 */
final class PodLinks {

  static final String POD_NAME_EXTRA = "authentication.kubernetes.io/pod-name";
  static final String NODE_NAME_EXTRA = "authentication.kubernetes.io/node-name";

  /** Kubernetes' alphabet for generated name suffixes (no vowels, no 0, 1, 3). */
  private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";

  private static final Pattern DEPLOYMENT_POD =
      Pattern.compile("(.+)-" + SAFE + "{6,10}-" + SAFE + "{5}");
  private static final Pattern DEPLOYMENT_REPLICA_SET = Pattern.compile("(.+)-" + SAFE + "{6,10}");

  private PodLinks() {}

  /** The WORKLOAD and NODE of a pod, from its object when given, else from its name. */
  static List<Entity> ofPod(String namespace, String pod, Optional<JsonNode> podObject) {
    List<Entity> entities = new ArrayList<>();
    Optional<Entity> owner = podObject.flatMap(object -> ownerOf(namespace, object));
    owner.or(() -> workloadFromName(namespace, pod)).ifPresent(entities::add);
    podObject
        .map(object -> Json.text(object, "spec", "nodeName"))
        .filter(Entities::present)
        .ifPresent(node -> entities.add(Entities.node(node)));
    return entities;
  }

  /**
   * The WORKLOAD and NODE of a pod submitted to admission: the gateway's owner workload when it is
   * another object than the pod itself, else as {@link #ofPod}.
   */
  static List<Entity> ofAdmittedPod(
      String namespace, String pod, OwnerWorkload owner, Optional<JsonNode> podObject) {
    if (owner == null
        || "Pod".equals(owner.getKind())
        || !Entities.present(owner.getKind())
        || !Entities.present(owner.getName())
        || !Entities.present(namespace)) {
      return ofPod(namespace, pod, podObject);
    }
    List<Entity> entities = new ArrayList<>();
    entities.add(workloadOf(namespace, owner.getKind(), owner.getName()));
    podObject
        .map(object -> Json.text(object, "spec", "nodeName"))
        .filter(Entities::present)
        .ifPresent(node -> entities.add(Entities.node(node)));
    return entities;
  }

  /** The pod-bound token's POD and NODE, when the user is a service account with such a token. */
  static List<Entity> ofToken(UserInfo user) {
    List<Entity> entities = new ArrayList<>();
    if (user == null
        || user.getUsername() == null
        || !user.getUsername().startsWith(Entities.SERVICE_ACCOUNT_PREFIX)) {
      return entities;
    }
    String[] parts =
        user.getUsername().substring(Entities.SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
    Map<String, List<String>> extra = user.getExtra();
    String pod = first(extra, POD_NAME_EXTRA);
    if (parts.length == 2 && Entities.present(parts[0]) && pod != null) {
      entities.add(Entities.pod(parts[0], pod));
    }
    String node = first(extra, NODE_NAME_EXTRA);
    if (node != null) {
      entities.add(Entities.node(node));
    }
    return entities;
  }

  /** The Deployment a pod named {@code <deployment>-<hash>-<suffix>} belongs to. */
  static Optional<Entity> workloadFromName(String namespace, String pod) {
    if (!Entities.present(namespace) || !Entities.present(pod)) {
      return Optional.empty();
    }
    Matcher matcher = DEPLOYMENT_POD.matcher(pod);
    return matcher.matches()
        ? Optional.of(Entities.workload(namespace, "Deployment", matcher.group(1)))
        : Optional.empty();
  }

  /** The workload of an owner reference: a ReplicaSet's Deployment, else the owner itself. */
  static Entity workloadOf(String namespace, String kind, String name) {
    if ("ReplicaSet".equals(kind)) {
      Matcher matcher = DEPLOYMENT_REPLICA_SET.matcher(name);
      if (matcher.matches()) {
        return Entities.workload(namespace, "Deployment", matcher.group(1));
      }
    }
    return Entities.workload(namespace, kind, name);
  }

  private static Optional<Entity> ownerOf(String namespace, JsonNode pod) {
    JsonNode controller = null;
    for (JsonNode reference : pod.path("metadata").path("ownerReferences")) {
      if (controller == null || reference.path("controller").asBoolean(false)) {
        controller = reference;
      }
    }
    if (controller == null || !Entities.present(namespace)) {
      return Optional.empty();
    }
    String kind = Json.text(controller, "kind");
    String name = Json.text(controller, "name");
    return Entities.present(kind) && Entities.present(name)
        ? Optional.of(workloadOf(namespace, kind, name))
        : Optional.empty();
  }

  private static String first(Map<String, List<String>> extra, String key) {
    List<String> values = extra == null ? null : extra.get(key);
    return values == null || values.isEmpty() || !Entities.present(values.get(0))
        ? null
        : values.get(0);
  }
}
