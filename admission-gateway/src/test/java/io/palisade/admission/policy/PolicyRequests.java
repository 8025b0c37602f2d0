package io.palisade.admission.policy;

import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.GroupVersionKind;
import io.palisade.admission.review.GroupVersionResource;
import io.palisade.admission.review.RequestUser;
import io.palisade.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Builds AdmissionRequests around Kubernetes objects for the Palisade policy tests. */
public final class PolicyRequests {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private PolicyRequests() {}

  /** One YAML document as JSON. */
  public static JsonNode yaml(String text) {
    return JSON.valueToTree(new Yaml().load(text));
  }

  /** Every non-empty document of a multi-document YAML test resource. */
  public static List<JsonNode> yamlDocuments(String resource) {
    List<JsonNode> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(Fixtures.text(resource))) {
      if (document != null) {
        documents.add(JSON.valueToTree(document));
      }
    }
    return documents;
  }

  /** A CREATE of {@code object} in namespace {@code default} by user {@code alice}. */
  public static Builder create(JsonNode object) {
    return new Builder(object, "CREATE");
  }

  /** An UPDATE of {@code object} (no old object unless set). */
  public static Builder update(JsonNode object) {
    return new Builder(object, "UPDATE");
  }

  /** A CONNECT on {@code pods/<subresource>} of pod {@code pod}. */
  public static Builder connect(String subresource, String pod) {
    Builder builder =
        new Builder(
            yaml("{kind: PodExecOptions, apiVersion: v1, command: [sh], stdin: true, tty: true}"),
            "CONNECT");
    builder.resource = new GroupVersionResource("", "v1", "pods");
    builder.subResource = subresource;
    builder.name = pod;
    return builder;
  }

  /** Settable parts of the request; everything else is derived from the object. */
  public static final class Builder {
    private final JsonNode object;
    private final String operation;
    private GroupVersionResource resource;
    private String subResource = "";
    private String name;
    private String namespace = "default";
    private RequestUser user =
        new RequestUser("alice", null, List.of("system:authenticated"), Map.of());
    private JsonNode oldObject = MissingNode.getInstance();

    private Builder(JsonNode object, String operation) {
      this.object = object;
      this.operation = operation;
      String apiVersion = object.path("apiVersion").stringValue("v1");
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String version = apiVersion.substring(slash + 1);
      this.resource =
          new GroupVersionResource(
              group, version, object.path("kind").stringValue("").toLowerCase(Locale.ROOT) + "s");
      this.name = object.path("metadata").path("name").stringValue("");
      String objectNamespace = object.path("metadata").path("namespace").stringValue("");
      if (!objectNamespace.isEmpty()) {
        this.namespace = objectNamespace;
      }
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder subResource(String subResource) {
      this.subResource = subResource;
      return this;
    }

    public Builder user(String username, String... groups) {
      this.user = new RequestUser(username, null, List.of(groups), Map.of());
      return this;
    }

    public Builder oldObject(JsonNode oldObject) {
      this.oldObject = oldObject;
      return this;
    }

    public AdmissionRequest build() {
      GroupVersionKind kind =
          new GroupVersionKind(
              resource.group(), resource.version(), object.path("kind").stringValue(""));
      return new AdmissionRequest(
          UUID.randomUUID().toString(),
          kind,
          resource,
          subResource,
          name,
          namespace,
          operation,
          user,
          object,
          oldObject,
          false);
    }
  }
}
