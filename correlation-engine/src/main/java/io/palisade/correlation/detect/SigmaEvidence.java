package io.palisade.correlation.detect;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.RuntimeAlert;
import io.palisade.correlation.sigma.SigmaLogsource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a Sigma match on one evidence record becomes part of a signal: the entities the record
 * touches and a one-line summary, per logsource. Computed only for records that matched.
 *
 * <ul>
 *   <li>audit: the user and impersonated user (ACTOR, or SERVICE_ACCOUNT for {@code
 *       system:serviceaccount:…}) and, for a pod-bound token, its POD and NODE; NAMESPACE, POD for
 *       pods (and their subresources) with the pod's WORKLOAD and NODE, WORKLOAD for workload
 *       resources, SOURCE_IP for each source IP, IMAGE of each container of a created or changed
 *       pod or workload;
 *   <li>admission: the user, NAMESPACE, POD (with its owner WORKLOAD and NODE) or WORKLOAD, IMAGE
 *       of each container of the object;
 *   <li>falco: POD (with the WORKLOAD its name shows), NAMESPACE, NODE (hostname), IMAGE, CONTAINER
 *       (not {@code host}); for Falco's k8saudit alerts also the user ({@code ka.user.name}) and
 *       target namespace.
 * </ul>
 *
 * <p>The pod's workload and node and the token's pod are bridges for correlation ({@link
 * PodLinks}).
 */
final class SigmaEvidence {

  /** Workload resources and the Kind their entity names carry. */
  private static final Map<String, String> WORKLOAD_KINDS =
      Map.of(
          "deployments", "Deployment",
          "daemonsets", "DaemonSet",
          "statefulsets", "StatefulSet",
          "replicasets", "ReplicaSet",
          "jobs", "Job",
          "cronjobs", "CronJob");

  private static final String NOT_AVAILABLE = "<NA>";

  private SigmaEvidence() {}

  static SigmaLogsource logsourceOf(Object evidence) {
    if (evidence instanceof AuditEvent) {
      return SigmaLogsource.AUDIT;
    }
    if (evidence instanceof AdmissionDecision) {
      return SigmaLogsource.ADMISSION;
    }
    return SigmaLogsource.FALCO;
  }

  static List<Entity> entities(Object evidence) {
    if (evidence instanceof AuditEvent event) {
      return audit(event);
    }
    if (evidence instanceof AdmissionDecision decision) {
      return admission(decision);
    }
    return evidence instanceof RuntimeAlert alert ? falco(alert) : List.of();
  }

  static String summary(Object evidence) {
    if (evidence instanceof AuditEvent event) {
      return auditSummary(event);
    }
    if (evidence instanceof AdmissionDecision decision) {
      return name(decision.getUser().getUsername())
          + " "
          + decision.getOperation()
          + " "
          + decision.getResource()
          + " "
          + target(decision.getNamespace(), decision.getName())
          + (decision.getAllowed() ? " (allowed)" : " (denied)");
    }
    if (evidence instanceof RuntimeAlert alert) {
      return SigmaViews.priorityName(alert.getPriority())
          + " "
          + alert.getRule()
          + " in "
          + (known(alert.getPod()) != null && known(alert.getNamespace()) != null
              ? alert.getNamespace() + "/" + alert.getPod()
              : "host")
          + (Entities.present(alert.getHostname()) ? " on " + alert.getHostname() : "");
    }
    return "";
  }

  private static List<Entity> audit(AuditEvent event) {
    List<Entity> entities = new ArrayList<>(AuditFacts.requester(event));
    ObjectReference ref = event.getObjectRef();
    if (ref != null) {
      String namespace = AuditFacts.objectMeta(event, ref.getNamespace(), "namespace");
      String name = ref.getName();
      if (Entities.present(namespace)) {
        entities.add(Entities.namespace(namespace));
      }
      String resource = ref.getResource();
      if ("pods".equals(resource)) {
        String pod = AuditFacts.objectMeta(event, name, "name");
        if (Entities.present(namespace) && Entities.present(pod)) {
          entities.add(Entities.pod(namespace, pod));
          Optional<JsonNode> podObject =
              Entities.present(ref.getSubresource())
                  ? Optional.empty()
                  : AuditFacts.requestObject(event).or(() -> AuditFacts.responseObject(event));
          entities.addAll(PodLinks.ofPod(namespace, pod, podObject));
        }
      } else if (resource != null && WORKLOAD_KINDS.containsKey(resource)) {
        String workload = AuditFacts.objectMeta(event, name, "name");
        if (Entities.present(namespace) && Entities.present(workload)) {
          entities.add(Entities.workload(namespace, WORKLOAD_KINDS.get(resource), workload));
        }
      }
      boolean changes =
          List.of("create", "update", "patch").contains(event.getVerb())
              && ("pods".equals(resource) || WORKLOAD_KINDS.containsKey(resource))
              && !Entities.present(ref.getSubresource());
      if (changes) {
        Optional<JsonNode> object =
            AuditFacts.requestObject(event).or(() -> AuditFacts.responseObject(event));
        object
            .flatMap(PodSpecs::podSpecOf)
            .map(PodSpecs::images)
            .orElse(List.of())
            .forEach(image -> entities.add(Entities.image(image)));
      }
    }
    for (String ip : event.getSourceIps()) {
      if (Entities.present(ip)) {
        entities.add(sourceIp(ip));
      }
    }
    return entities;
  }

  private static List<Entity> admission(AdmissionDecision decision) {
    List<Entity> entities = new ArrayList<>();
    if (Entities.present(decision.getUser().getUsername())) {
      entities.add(Entities.actor(decision.getUser().getUsername()));
    }
    Optional<JsonNode> object = Json.parse(decision.getObjectJson());
    String namespace =
        firstPresent(
            decision.getNamespace(),
            object.map(o -> Json.text(o, "metadata", "namespace")).orElse(null));
    String name =
        firstPresent(
            decision.getName(), object.map(o -> Json.text(o, "metadata", "name")).orElse(null));
    if (namespace != null) {
      entities.add(Entities.namespace(namespace));
      if (name != null) {
        if ("Pod".equals(decision.getKind())) {
          entities.add(Entities.pod(namespace, name));
          entities.addAll(PodLinks.ofAdmittedPod(namespace, name, decision.getOwner(), object));
        } else if ("pods".equals(decision.getResource())) {
          // CONNECT on pods/exec, attach, portforward: the object is PodExecOptions (or the like)
          // and the name is the pod's
          entities.add(Entities.pod(namespace, name));
        } else if (WORKLOAD_KINDS.containsKey(decision.getResource())
            || WORKLOAD_KINDS.containsValue(decision.getKind())) {
          entities.add(Entities.workload(namespace, decision.getKind(), name));
        }
      }
    }
    object
        .flatMap(PodSpecs::podSpecOf)
        .map(PodSpecs::images)
        .orElse(List.of())
        .forEach(image -> entities.add(Entities.image(image)));
    return entities;
  }

  private static List<Entity> falco(RuntimeAlert alert) {
    List<Entity> entities = new ArrayList<>();
    String namespace = known(alert.getNamespace());
    String pod = known(alert.getPod());
    Map<String, String> fields = alert.getOutputFields();
    String user = known(fields.get("ka.user.name"));
    if (user != null) {
      entities.add(Entities.actor(user));
    }
    if (namespace == null) {
      namespace = known(fields.get("ka.target.namespace"));
    }
    if (namespace != null && pod != null) {
      entities.add(Entities.pod(namespace, pod));
      PodLinks.workloadFromName(namespace, pod).ifPresent(entities::add);
    }
    if (namespace != null) {
      entities.add(Entities.namespace(namespace));
    }
    if (known(alert.getHostname()) != null) {
      entities.add(Entities.node(alert.getHostname()));
    }
    if (known(alert.getImage()) != null) {
      entities.add(Entities.image(alert.getImage()));
    }
    String container = known(alert.getContainerId());
    if (container != null && !"host".equals(container)) {
      entities.add(Entities.container(container));
    }
    return entities;
  }

  static Entity sourceIp(String ip) {
    return Entity.newBuilder().setKind(io.palisade.avro.EntityKind.SOURCE_IP).setName(ip).build();
  }

  private static String auditSummary(AuditEvent event) {
    ObjectReference ref = event.getObjectRef();
    if (ref == null) {
      return AuditFacts.username(event) + " " + event.getVerb() + " " + event.getRequestUri();
    }
    String resource =
        (ref.getResource() == null ? "?" : ref.getResource())
            + (Entities.present(ref.getSubresource()) ? "/" + ref.getSubresource() : "");
    Integer code = event.getResponseCode();
    return AuditFacts.username(event)
        + " "
        + event.getVerb()
        + " "
        + resource
        + (ref.getNamespace() == null && ref.getName() == null
            ? ""
            : " " + target(ref.getNamespace(), ref.getName()))
        + (code == null ? "" : " → " + code);
  }

  private static String target(String namespace, String name) {
    return (Entities.present(namespace) ? namespace + "/" : "")
        + (Entities.present(name) ? name : "?");
  }

  private static String name(String username) {
    return Entities.present(username) ? username : "?";
  }

  private static String firstPresent(String first, String second) {
    return Entities.present(first) ? first : Entities.present(second) ? second : null;
  }

  private static String known(String value) {
    return Entities.present(value) && !NOT_AVAILABLE.equals(value) ? value : null;
  }
}
