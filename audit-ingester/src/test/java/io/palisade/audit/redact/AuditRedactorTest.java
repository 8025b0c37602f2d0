package io.palisade.audit.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.normalize.AuditEventJson;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AuditRedactorTest {

  /** The secret value in the fixtures, plain and base64-encoded (see redaction/README.md). */
  static final String CANARY = "PALISADE-CANARY-7f3a9c";

  static final String CANARY_BASE64 = "UEFMSVNBREUtQ0FOQVJZLTdmM2E5Yw==";

  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditRedactor redactor = new AuditRedactor();

  @Test
  void replacesSecretDataAndStringDataValuesButKeepsTheKeys() {
    JsonNode event =
        json.readTree(Fixtures.text("redaction/create-secret-request-response/input.json"));

    JsonNode request = redactor.redact("secrets", null, event.get("requestObject"));
    JsonNode response = redactor.redact("secrets", null, event.get("responseObject"));

    assertThat(request.at("/data/token").asString()).isEqualTo("<redacted>");
    assertThat(request.at("/data/username").asString()).isEqualTo("<redacted>");
    assertThat(request.at("/stringData/password").asString()).isEqualTo("<redacted>");
    assertThat(response.at("/data").propertyNames())
        .containsExactly("password", "token", "username");
    assertThat(request.at("/metadata/name").asString()).isEqualTo("example-secret");
    assertThat(request.at("/type").asString()).isEqualTo("Opaque");
  }

  @Test
  void redactsInsideTheLastAppliedConfigurationOfASecretKeepingItsKeysAndOtherAnnotations() {
    JsonNode event =
        json.readTree(Fixtures.text("redaction/create-secret-request-response/input.json"));

    JsonNode request = redactor.redact("secrets", null, event.get("requestObject"));

    JsonNode annotations = request.at("/metadata/annotations");
    String lastApplied = annotations.get(AuditRedactor.LAST_APPLIED).asString();
    assertThat(lastApplied).doesNotContain(CANARY, CANARY_BASE64);
    JsonNode applied = json.readTree(lastApplied);
    assertThat(applied.at("/stringData/password").asString()).isEqualTo("<redacted>");
    assertThat(applied.at("/data/token").asString()).isEqualTo("<redacted>");
    assertThat(applied.at("/metadata/name").asString()).isEqualTo("example-secret");
    assertThat(annotations.get("team").asString()).isEqualTo("payments");
  }

  @Test
  void replacesALastAppliedConfigurationThatIsNotJsonWhole() {
    JsonNode secret =
        json.readTree(
            "{\"kind\":\"Secret\",\"metadata\":{\"annotations\":{\""
                + AuditRedactor.LAST_APPLIED
                + "\":\"password: "
                + CANARY
                + "\"}}}");

    JsonNode redacted = redactor.redact("secrets", null, secret);

    assertThat(redacted.at("/metadata/annotations").get(AuditRedactor.LAST_APPLIED).asString())
        .isEqualTo("<redacted>");
  }

  @Test
  void redactsEveryItemOfASecretList() {
    JsonNode event = json.readTree(Fixtures.text("redaction/list-secrets/input.json"));

    JsonNode response = redactor.redact("secrets", null, event.get("responseObject"));

    assertThat(response.at("/items/0/data/password").asString()).isEqualTo("<redacted>");
    assertThat(response.at("/items/1/data/dsn").asString()).isEqualTo("<redacted>");
    assertThat(response.toString()).doesNotContain(CANARY, CANARY_BASE64);
  }

  @Test
  void redactsTheValuesOfAJsonPatchOfASecret() {
    JsonNode event = json.readTree(Fixtures.text("redaction/patch-secret-json-patch/input.json"));

    JsonNode patch = redactor.redact("secrets", null, event.get("requestObject"));

    assertThat(patch.at("/0/path").asString()).isEqualTo("/data/password");
    assertThat(patch.at("/0/value").asString()).isEqualTo("<redacted>");
    assertThat(patch.toString()).doesNotContain(CANARY, CANARY_BASE64);
  }

  @Test
  void leavesItsInputUnchanged() {
    JsonNode event =
        json.readTree(Fixtures.text("redaction/create-secret-request-response/input.json"));
    String before = event.toString();

    redactor.redact("secrets", null, event.get("requestObject"));

    assertThat(event.toString()).isEqualTo(before);
  }

  @Test
  void leavesTheDataOfOtherResourcesAlone() {
    JsonNode configMap = json.readTree("{\"kind\":\"ConfigMap\",\"data\":{\"level\":\"debug\"}}");

    assertThat(redactor.redact("configmaps", null, configMap)).isEqualTo(configMap);
  }

  @Test
  void dropsTheTokenOfATokenRequestAndOfATokenReview() {
    JsonNode tokenRequest =
        json.readTree(
            "{\"kind\":\"TokenRequest\",\"spec\":{\"audiences\":[\"api\"]},"
                + "\"status\":{\"token\":\""
                + CANARY
                + "\",\"expirationTimestamp\":\"x\"}}");
    JsonNode tokenReview =
        json.readTree("{\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + CANARY + "\"}}");

    assertThat(
            redactor
                .redact("serviceaccounts", "token", tokenRequest)
                .at("/status/token")
                .asString())
        .isEqualTo("<redacted>");
    assertThat(redactor.redact("tokenreviews", null, tokenReview).toString())
        .doesNotContain(CANARY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redaction/create-secret-request-response/input.json",
        "redaction/list-secrets/input.json",
        "redaction/patch-secret-json-patch/input.json"
      })
  void noSecretValueSurvivesNormalisationIntoTheAvroRecord(String fixture) {
    AuditEventNormalizer normalizer = new AuditEventNormalizer(redactor, json);
    String input = Fixtures.text(fixture);
    assertThat(input).containsAnyOf(CANARY, CANARY_BASE64); // the fixture does carry the secret

    AuditEvent event = normalizer.normalize(json.readTree(input), "items[0]", "c", Instant.EPOCH);
    byte[] bytes = PalisadeSerde.of(AuditEvent.class).serializer().serialize("t", event);

    assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
        .doesNotContain(CANARY, CANARY_BASE64)
        .contains("<redacted>");
  }

  @Test
  void keepsTheKeysOfAnObjectValueInAJsonPatch() {
    JsonNode event = json.readTree(Fixtures.text("redaction/patch-secret-json-patch/input.json"));

    JsonNode patch = redactor.redact("secrets", null, event.get("requestObject"));

    assertThat(patch.at("/1/value/api-key").asString()).isEqualTo("<redacted>");
  }

  @Test
  void redactsAMergePatchOfASecretButKeepsDeletions() {
    JsonNode patch =
        json.readTree(
            "{\"data\":{\"password\":\""
                + CANARY_BASE64
                + "\",\"old\":null},\"stringData\":{\"pin\":\""
                + CANARY
                + "\"}}");

    JsonNode redacted = redactor.redact("secrets", null, patch);

    assertThat(redacted.at("/data/password").asString()).isEqualTo("<redacted>");
    assertThat(redacted.at("/data/old").isNull()).isTrue();
    assertThat(redacted.at("/stringData/pin").asString()).isEqualTo("<redacted>");
  }

  @Test
  void replacesASecretBodyThatIsNotJsonStructureWhole() {
    JsonNode event =
        json.readTree(
            "{\"objectRef\":{\"resource\":\"secrets\"},\"requestObject\":\"stringData:\\n  pin: "
                + CANARY
                + "\"}");

    assertThat(redactor.redactEvent(event).get("requestObject").asString()).isEqualTo("<redacted>");
  }

  @Test
  void recognisesASecretByItsKindWhenTheResourceIsUnknown() {
    JsonNode secret =
        json.readTree("{\"kind\":\"Secret\",\"data\":{\"k\":\"" + CANARY_BASE64 + "\"}}");
    JsonNode list =
        json.readTree(
            "{\"kind\":\"List\",\"items\":[{\"kind\":\"Secret\",\"data\":{\"k\":\""
                + CANARY_BASE64
                + "\"}},{\"kind\":\"ConfigMap\",\"data\":{\"level\":\"debug\"}}]}");

    assertThat(redactor.redact(null, null, secret).at("/data/k").asString())
        .isEqualTo("<redacted>");
    JsonNode redactedList = redactor.redact("configmaps", null, list);
    assertThat(redactedList.at("/items/0/data/k").asString()).isEqualTo("<redacted>");
    assertThat(redactedList.at("/items/1/data/level").asString()).isEqualTo("debug");
  }

  @Test
  void redactsTheTokenOfATokenReviewInTheRequestAndInTheResponseThatRepeatsIt() {
    JsonNode event =
        json.readTree(
            "{\"objectRef\":{\"resource\":\"tokenreviews\",\"apiGroup\":\"authentication.k8s.io\"},"
                + "\"requestObject\":{\"kind\":\"TokenReview\",\"spec\":{\"token\":\""
                + CANARY
                + "\"}},"
                + "\"responseObject\":{\"kind\":\"TokenReview\",\"spec\":{\"token\":\""
                + CANARY
                + "\"},"
                + "\"status\":{\"authenticated\":true,\"user\":{\"username\":\"system:serviceaccount:shop:web\"}}}}");

    JsonNode redacted = redactor.redactEvent(event);

    assertThat(redacted.toString()).doesNotContain(CANARY);
    assertThat(redacted.at("/responseObject/status/user/username").asString())
        .isEqualTo("system:serviceaccount:shop:web");
    assertThat(redacted.at("/requestObject/spec/token").asString()).isEqualTo("<redacted>");
  }

  @Test
  void redactsTheMutatingWebhookPatchAnnotationOfASecret() {
    ObjectNode patchAnnotation = json.createObjectNode();
    patchAnnotation
        .put("configuration", "inject")
        .put("webhook", "w")
        .put("patchType", "JSONPatch");
    patchAnnotation
        .putArray("patch")
        .addObject()
        .put("op", "add")
        .put("path", "/data/x")
        .put("value", CANARY_BASE64);
    ObjectNode event = json.createObjectNode();
    event.putObject("objectRef").put("resource", "secrets");
    event
        .putObject("annotations")
        .put("patch.webhook.admission.k8s.io/round_0_index_0", patchAnnotation.toString())
        .put("authorization.k8s.io/decision", "allow");

    JsonNode redacted = redactor.redactEvent(event);

    JsonNode annotations = redacted.get("annotations");
    String patch = annotations.get("patch.webhook.admission.k8s.io/round_0_index_0").asString();
    assertThat(patch).doesNotContain(CANARY_BASE64).contains("/data/x").contains("<redacted>");
    assertThat(annotations.get("authorization.k8s.io/decision").asString()).isEqualTo("allow");
  }

  @Test
  void redactsCredentialsInTheRequestUriKeepingTheParameterNames() {
    JsonNode event =
        json.readTree(
            "{\"requestURI\":\"/api/v1/namespaces/shop/pods?access_token="
                + CANARY
                + "&limit=500\"}");

    JsonNode redacted = redactor.redactEvent(event);

    assertThat(redacted.get("requestURI").asString())
        .isEqualTo("/api/v1/namespaces/shop/pods?access_token=<redacted>&limit=500");
  }

  @Test
  void redactsTheConfiguredExtraPathsInAnyEvent() {
    AuditRedactor withPaths =
        new AuditRedactor(
            List.of(RedactionPath.parse("requestObject.spec.password")),
            RedactionCounter.NONE,
            json);
    JsonNode event =
        json.readTree(
            "{\"objectRef\":{\"resource\":\"databases\",\"apiGroup\":\"example.com\"},"
                + "\"requestObject\":{\"spec\":{\"password\":\""
                + CANARY
                + "\",\"size\":3}}}");

    JsonNode redacted = withPaths.redactEvent(event);

    assertThat(redacted.at("/requestObject/spec/password").asString()).isEqualTo("<redacted>");
    assertThat(redacted.at("/requestObject/spec/size").asInt()).isEqualTo(3);
  }

  @Test
  void returnsTheEventItselfWhenNothingInItIsSecret() {
    JsonNode event = json.readTree(Fixtures.text("events/create-clusterrolebinding/input.json"));

    assertThat(redactor.redactEvent(event)).isSameAs(event);
  }

  @Test
  void countsEveryReplacedValueByKind() {
    Map<RedactionKind, Integer> counted = new EnumMap<>(RedactionKind.class);
    AuditRedactor counting =
        new AuditRedactor(
            List.of(RedactionPath.parse("annotations['example.com/api-key']")),
            (kind, values) -> counted.merge(kind, values, Integer::sum),
            json);
    ObjectNode event =
        (ObjectNode)
            json.readTree(Fixtures.text("redaction/create-secret-request-response/input.json"));
    event.put("requestURI", "/api/v1/namespaces/default/secrets?token=" + CANARY);
    event.withObject("annotations").put("example.com/api-key", CANARY);

    counting.redactEvent(event);

    // request: 2 data + 1 stringData, response: 3 data; one last-applied annotation in each
    assertThat(counted)
        .containsEntry(RedactionKind.SECRET_DATA, 6)
        .containsEntry(RedactionKind.LAST_APPLIED, 2)
        .containsEntry(RedactionKind.URI_CREDENTIAL, 1)
        .containsEntry(RedactionKind.EXTRA_PATH, 1)
        .doesNotContainKey(RedactionKind.TOKEN_REQUEST);
  }

  @Test
  void redactsABareSecretThatWasNotEvenAnAuditEvent() {
    JsonNode secret =
        json.readTree("{\"kind\":\"Secret\",\"data\":{\"k\":\"" + CANARY_BASE64 + "\"}}");

    assertThat(redactor.redactAnywhere(secret).toString())
        .doesNotContain(CANARY_BASE64)
        .contains("\"k\"");
  }

  /** Events as the webhook reads them: request and response objects kept as raw JSON text. */
  @Nested
  class RawBodies {

    private final AuditEventJson reader = new AuditEventJson(json);

    private JsonNode read(String event) {
      return reader.read(event.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretEventFromTheFixturesIsRedactedAsWhenReadAsATree() {
      String text = Fixtures.text("redaction/create-secret-request-response/input.json");

      JsonNode fromRaw = redactor.redactEvent(read(text));
      JsonNode fromTree = redactor.redactEvent(json.readTree(text));

      assertThat(json.writeValueAsString(fromRaw))
          .doesNotContain(CANARY, CANARY_BASE64)
          .isEqualTo(json.writeValueAsString(fromTree));
    }

    @Test
    void aBodyWithoutSecretHintsIsPassedOnAsItArrived() {
      String pod = "{\"kind\":\"Pod\", \"spec\":{\"imagePullSecrets\":[{\"name\":\"r\"}]}}";
      JsonNode event =
          read("{\"objectRef\":{\"resource\":\"pods\"},\"requestObject\":" + pod + "}");

      JsonNode redacted = redactor.redactEvent(event);

      assertThat(redacted).isSameAs(event);
      assertThat(AuditEventJson.rawText(redacted.get("requestObject"))).isEqualTo(pod);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"kind\":\"List\",\"items\":[{\"kind\":\"Secret\",\"data\":{\"k\":\"%s\"}}]}",
          "{\"kind\":\"SecretList\",\"items\":[{\"data\":{\"k\":\"%s\"}}]}",
          "{\"kind\":\"Secr\\u0065t\",\"data\":{\"k\":\"%s\"}}",
          "{\"kind\":\"TokenRequest\",\"status\":{\"token\":\"%s\"}}",
          "{\"kind\":\"TokenReview\",\"spec\":{\"token\":\"%s\"}}"
        })
    void aSecretHiddenInTheBodyOfAnotherResourceIsStillRedacted(String body) {
      JsonNode event =
          read(
              "{\"objectRef\":{\"resource\":\"configmaps\"},\"responseObject\":"
                  + body.formatted(CANARY)
                  + "}");

      assertThat(json.writeValueAsString(redactor.redactEvent(event)))
          .doesNotContain(CANARY)
          .contains("<redacted>");
    }

    @Test
    void anExtraPathIntoARawBodyIsApplied() {
      AuditRedactor withPath =
          new AuditRedactor(
              List.of(RedactionPath.parse("requestObject.spec.password")),
              RedactionCounter.NONE,
              json);
      JsonNode event =
          read(
              "{\"objectRef\":{\"resource\":\"widgets\"},"
                  + "\"requestObject\":{\"spec\":{\"password\":\""
                  + CANARY
                  + "\",\"size\":3}}}");

      JsonNode redacted = withPath.redactEvent(event);

      assertThat(redacted.at("/requestObject/spec/password").asString()).isEqualTo("<redacted>");
      assertThat(redacted.at("/requestObject/spec/size").asInt()).isEqualTo(3);
    }
  }
}
