package io.palisade.audit.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RedactionPathTest {

  private final JsonMapper json = JsonMapper.builder().build();

  private final JsonNode event =
      json.readTree(
          """
          {"requestObject": {"spec": {
             "password": "s3cret",
             "containers": [
               {"name": "a", "env": [{"name": "DB", "value": "one"}, {"name": "X", "value": "two"}]},
               {"name": "b", "env": [{"name": "DB", "value": "three"}]}],
             "credentials": {"user": "u", "nested": {"key": "k", "n": 7}},
             "unset": null}},
           "annotations": {"example.com/api-key": "abc", "team": "payments"}}
          """);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "requestObject.spec.password",
        "$.requestObject.spec.password",
        "$['requestObject'][\"spec\"].password"
      })
  void acceptsTheDottedAndTheJsonPathForm(String path) {
    JsonNode copy = event.deepCopy();

    int redacted = RedactionPath.parse(path).redact(copy);

    assertThat(redacted).isEqualTo(1);
    assertThat(copy.at("/requestObject/spec/password").asString()).isEqualTo("<redacted>");
    assertThat(copy.at("/requestObject/spec/containers/0/name").asString()).isEqualTo("a");
  }

  @Test
  void redactsEveryArrayElementThroughAWildcard() {
    JsonNode copy = event.deepCopy();

    int redacted = RedactionPath.parse("requestObject.spec.containers[*].env.*.value").redact(copy);

    assertThat(redacted).isEqualTo(3);
    assertThat(copy.toString()).doesNotContain("\"one\"", "\"two\"", "\"three\"");
    assertThat(copy.at("/requestObject/spec/containers/0/env/1/name").asString()).isEqualTo("X");
  }

  @Test
  void redactsOneArrayElementByIndex() {
    JsonNode copy = event.deepCopy();

    RedactionPath.parse("requestObject.spec.containers[1].env[0].value").redact(copy);

    assertThat(copy.at("/requestObject/spec/containers/1/env/0/value").asString())
        .isEqualTo("<redacted>");
    assertThat(copy.at("/requestObject/spec/containers/0/env/0/value").asString()).isEqualTo("one");
  }

  @Test
  void keepsTheKeysOfAnObjectItReaches() {
    JsonNode copy = event.deepCopy();

    int redacted = RedactionPath.parse("requestObject.spec.credentials").redact(copy);

    assertThat(redacted).isEqualTo(3);
    assertThat(copy.at("/requestObject/spec/credentials/user").asString()).isEqualTo("<redacted>");
    assertThat(copy.at("/requestObject/spec/credentials/nested/n").asString())
        .isEqualTo("<redacted>");
  }

  @Test
  void reachesKeysWithDotsAndSlashesThroughQuotes() {
    JsonNode copy = event.deepCopy();

    RedactionPath.parse("annotations['example.com/api-key']").redact(copy);

    assertThat(copy.get("annotations").get("example.com/api-key").asString())
        .isEqualTo("<redacted>");
    assertThat(copy.get("annotations").get("team").asString()).isEqualTo("payments");
  }

  @Test
  void reachesNothingThatIsMissingNullOrOfAnotherShape() {
    assertThat(RedactionPath.parse("requestObject.spec.unset").reaches(event)).isFalse();
    assertThat(RedactionPath.parse("requestObject.spec.nothing").reaches(event)).isFalse();
    // a name does not descend into an array: [*] must say so
    assertThat(RedactionPath.parse("requestObject.spec.containers.env").reaches(event)).isFalse();
    assertThat(RedactionPath.parse("requestObject.spec.containers[7]").reaches(event)).isFalse();
    assertThat(RedactionPath.parse("requestObject.spec.password").reaches(event)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "$", "a..b", "a[", "a[x]", "a['b", "a[-1]", "a b[0]x", "$x"})
  void refusesAPathItCannotReadNamingIt(String path) {
    assertThatThrownBy(() -> RedactionPath.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("extra redaction path '" + path + "' is not valid");
  }
}
