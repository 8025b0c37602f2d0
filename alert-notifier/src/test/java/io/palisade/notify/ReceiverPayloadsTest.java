package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Incident;
import io.palisade.notify.opsgenie.OpsgeniePayload;
import io.palisade.notify.pagerduty.PagerDutyPayload;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.slack.SlackPayload;
import io.palisade.notify.teams.TeamsPayload;
import io.palisade.notify.webhook.WebhookPayload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every receiver's payload, a pure function of the incident, against its expected file. */
class ReceiverPayloadsTest {

  static final IncidentFacts.Links LINKS =
      new IncidentFacts.Links("https://palisade.example.com/incidents/{id}");
  static final String ROUTING_KEY = "R0UTINGKEY0000000000000000000000";

  private static Incident incident(String fixtureCase) {
    return IncidentFixtures.incident(fixtureCase);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void slackBlockKit(String fixtureCase) {
    ExpectedJson.assertMatches(
        "slack/" + fixtureCase + "/expected.json", SlackPayload.of(incident(fixtureCase), LINKS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void teamsAdaptiveCard(String fixtureCase) {
    ExpectedJson.assertMatches(
        "teams/" + fixtureCase + "/expected.json", TeamsPayload.of(incident(fixtureCase), LINKS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void pagerDutyEvent(String fixtureCase) {
    ExpectedJson.assertMatches(
        "pagerduty/" + fixtureCase + "/expected.json",
        PagerDutyPayload.of(incident(fixtureCase), ROUTING_KEY, LINKS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void opsgenieAlert(String fixtureCase) {
    ExpectedJson.assertMatches(
        "opsgenie/" + fixtureCase + "/expected.json",
        OpsgeniePayload.of(incident(fixtureCase), LINKS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident"})
  void webhookCloudEvent(String fixtureCase) {
    ExpectedJson.assertMatches(
        "webhook-cloudevents/" + fixtureCase + "/expected.json",
        WebhookPayload.cloudEvent(incident(fixtureCase)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "resolved-incident"})
  void pagerDutyDedupsOnTheIncidentIdAndResolvesClosedIncidents(String fixtureCase) {
    Incident incident = incident(fixtureCase);
    JsonNode event = PagerDutyPayload.of(incident, ROUTING_KEY, LINKS);

    assertThat(event.get("dedup_key").stringValue()).isEqualTo(incident.getId());
    assertThat(event.get("event_action").stringValue())
        .isEqualTo(IncidentFacts.closed(incident) ? "resolve" : "trigger");
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void opsgenieCreatesByAliasAndClosesByAlias(String fixtureCase) {
    Incident incident = incident(fixtureCase);

    assertThat(OpsgeniePayload.path(incident))
        .isEqualTo(
            IncidentFacts.closed(incident)
                ? "/v2/alerts/" + incident.getId() + "/close?identifierType=alias"
                : "/v2/alerts");
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void slackStaysWithinBlockKitLimits(String fixtureCase) {
    JsonNode message = SlackPayload.of(incident(fixtureCase), LINKS);

    assertThat(message.get("blocks").size()).isLessThanOrEqualTo(50);
    assertThat(message.get("blocks").get(0).get("text").get("text").stringValue().length())
        .isLessThanOrEqualTo(150);
  }
}
