package io.palisade.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.notify.IncidentFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident"})
  void summarisesTheIncidentAsTheExpectedJson(String fixtureCase) {
    String body =
        json.writeValueAsString(WebhookPayload.of(IncidentFixtures.incident(fixtureCase)));

    JsonNode actual = json.readTree(body);
    JsonNode expected = json.readTree(IncidentFixtures.expectedPayload(fixtureCase));
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident"})
  void keepsTheDocumentedFieldOrder(String fixtureCase) {
    JsonNode actual = WebhookPayload.of(IncidentFixtures.incident(fixtureCase));

    assertThat(actual.propertyNames())
        .containsExactly(
            "id",
            "cluster",
            "version",
            "status",
            "mergedInto",
            "title",
            "severity",
            "score",
            "tactics",
            "techniques",
            "sources",
            "entities",
            "firstSeen",
            "lastSeen",
            "signalCount",
            "signals");
  }
}
