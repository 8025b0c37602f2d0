package io.palisade.audit.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
  void dropsTheLastAppliedConfigurationOfASecretButKeepsOtherAnnotations() {
    JsonNode event =
        json.readTree(Fixtures.text("redaction/create-secret-request-response/input.json"));

    JsonNode request = redactor.redact("secrets", null, event.get("requestObject"));

    JsonNode annotations = request.at("/metadata/annotations");
    assertThat(annotations.get(AuditRedactor.LAST_APPLIED).asString()).isEqualTo("<redacted>");
    assertThat(annotations.get("team").asString()).isEqualTo("payments");
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
}
