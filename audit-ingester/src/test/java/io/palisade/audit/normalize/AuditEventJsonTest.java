package io.palisade.audit.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditEventJsonTest {

  private static final String REQUEST = "{ \"kind\" : \"Pod\", \"spec\": {\"containers\": [ ]} }";
  private static final String RESPONSE = "[1, {\"a\": \"é\"}]";

  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditEventJson reader = new AuditEventJson(json);

  @Test
  void keepsTheTopLevelRequestAndResponseObjectsAsTheirTextAndReadsTheRestAsTrees() {
    JsonNode event =
        reader.read(
            bytes(
                "{\"verb\":\"create\",\"requestObject\":"
                    + REQUEST
                    + ",\"user\":{\"username\":\"alice\",\"requestObject\":{\"x\":1}},"
                    + "\"responseObject\":"
                    + RESPONSE
                    + "}"));

    assertThat(AuditEventJson.rawText(event.get("requestObject"))).isEqualTo(REQUEST);
    assertThat(AuditEventJson.rawText(event.get("responseObject"))).isEqualTo(RESPONSE);
    assertThat(event.get("verb").asString()).isEqualTo("create");
    assertThat(AuditEventJson.isRaw(event.at("/user/requestObject"))).isFalse();
    assertThat(event.at("/user/requestObject/x").asInt()).isEqualTo(1);
  }

  @Test
  void aRawBodyIsWrittenOutUnchangedAndCanBeMaterialised() {
    JsonNode event = reader.read(bytes("{\"requestObject\":" + REQUEST + "}"));

    assertThat(json.writeValueAsString(event)).isEqualTo("{\"requestObject\":" + REQUEST + "}");
    JsonNode tree = AuditEventJson.materialise(event.get("requestObject"), json);
    assertThat(tree.get("kind").asString()).isEqualTo("Pod");
  }

  @Test
  void scalarBodiesAndNestedValuesAreOrdinaryNodes() {
    JsonNode event = reader.read(bytes("{\"requestObject\":\"text\",\"responseObject\":null}"));

    assertThat(event.get("requestObject").asString()).isEqualTo("text");
    assertThat(event.get("responseObject").isNull()).isTrue();
    assertThat(
            reader.read(bytes("[{\"requestObject\":{}}]")).get(0).get("requestObject").isObject())
        .isTrue();
  }

  @Test
  void malformedJsonInsideABodyIsStillRefused() {
    assertThatThrownBy(() -> reader.read(bytes("{\"requestObject\":{\"a\":[1,}}")))
        .isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> reader.read(bytes("{\"requestObject\":{\"a\":1}")))
        .isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> reader.read(bytes("{\"requestObject\":{\"a\":\"\\x\"}}")))
        .isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> reader.read(bytes("{\"a\":1} {")))
        .isInstanceOf(JacksonException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
