package io.palisade.runtime.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.RuntimeAlert;
import io.palisade.testkit.Fixtures;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record id is the hash of (hostname, time, rule, output_fields) that DESIGN.md describes, in a
 * canonical form: the same alert gets the same id whether Falco posts it directly or Falcosidekick
 * forwards it, with its random uuid and custom fields, its re-written time and (in old versions)
 * its rounded numbers.
 */
class StableIdTest {

  private static final Instant INGEST = Instant.parse("2026-01-02T03:04:05Z");

  private final FalcoAlertReader reader = new FalcoAlertReader();
  private final FalcoAlertNormalizer normalizer = new FalcoAlertNormalizer();

  @Test
  void givesAnAlertFromFalcoAndTheSameAlertFromFalcosidekickTheSameId() {
    String direct = idOf(read("falco/terminal-shell/input.json"));
    ObjectNode viaSidekick = read("falco/falcosidekick-terminal-shell/input.json");
    ObjectNode viaSidekickAgain = viaSidekick.deepCopy();
    viaSidekickAgain.put("uuid", "0b9e4b1e-7d7e-4c1f-8f7a-6a0e9f3d2c11");

    assertThat(idOf(viaSidekick)).isEqualTo(direct);
    assertThat(idOf(viaSidekickAgain)).isEqualTo(direct);
  }

  @Test
  void ignoresFalcosidekickCustomAndTemplatedFieldsWhoseNamesAreNotFalcoFields() {
    ObjectNode alert = read("falco/terminal-shell/input.json");
    String id = idOf(alert);
    ObjectNode withCustomFields = alert.deepCopy();
    ObjectNode fields = (ObjectNode) withCustomFields.get("output_fields");
    fields.put("Akey", "AValue");
    fields.put("env_cluster", "prod-eu");
    fields.put("Dkey", "default-bar");

    assertThat(idOf(withCustomFields)).isEqualTo(id);
  }

  @Test
  void ignoresFalcosidekicksTimeWithoutTrailingZerosAndItsSortedTags() {
    ObjectNode falco = read("falco/k8saudit-serviceaccount-created/input.json");
    ObjectNode sidekick = falco.deepCopy();
    sidekick.put("time", "2023-05-10T14:09:17.699479Z"); // Go's RFC3339Nano of .699479000Z
    sidekick.put("uuid", "8c4e0c2e-2f4b-4d8e-9d8e-0f5d2f1e3a4b");
    sidekick.putArray("tags").add("k8s").add("zz_custom_tag");

    assertThat(falco.get("time").asString()).isEqualTo("2023-05-10T14:09:17.699479000Z");
    assertThat(idOf(sidekick)).isEqualTo(idOf(falco));
  }

  @Test
  void matchesTheCorpusAlertThatAnOldFalcosidekickRoundedWithTheOriginal() {
    // The knative blog's alert went through a Falcosidekick that decoded numbers as doubles:
    // evt.time 1610408779823027590 became 1610408779823027700, and the time lost its last zero.
    ObjectNode rounded =
        (ObjectNode)
            reader.read(
                Fixtures.bytes(
                    "falco/website-alerts/blog__falcosidekick-response-engine-part-3-knative.jsonl"));
    ObjectNode original = rounded.deepCopy();
    original.put("time", "2021-01-11T23:46:19.823027590Z");
    ((ObjectNode) original.get("output_fields"))
        .put("evt.time", new BigInteger("1610408779823027590"));

    assertThat(rounded.get("output_fields").get("evt.time").asString())
        .isEqualTo("1610408779823027700");
    assertThat(idOf(rounded)).isEqualTo(idOf(original));
  }

  @Test
  void stillTellsApartAlertsThatDifferInAFalcoField() {
    ObjectNode alert = read("falco/terminal-shell/input.json");
    ObjectNode otherCommand = alert.deepCopy();
    ((ObjectNode) otherCommand.get("output_fields")).put("proc.cmdline", "sh -c id");
    ObjectNode otherTty = alert.deepCopy();
    ((ObjectNode) otherTty.get("output_fields")).put("proc.tty", 34817);
    ObjectNode otherRule = alert.deepCopy();
    otherRule.put("rule", "Run shell untrusted");

    assertThat(idOf(otherCommand)).isNotEqualTo(idOf(alert));
    assertThat(idOf(otherTty)).isNotEqualTo(idOf(alert));
    assertThat(idOf(otherRule)).isNotEqualTo(idOf(alert));
  }

  @Test
  void givesTheTwoIdenticalCorpusAlertsOfDifferentPagesTheSameId() {
    RuntimeAlert openfaas =
        normalizer.normalize(
            reader.read(
                firstLine(
                    "falco/website-alerts/blog__falcosidekick-response-engine-part-2-openfass.jsonl")),
            "c",
            INGEST);
    RuntimeAlert cloudRun =
        normalizer.normalize(
            reader.read(
                firstLine(
                    "falco/website-alerts/blog__falcosidekick-response-engine-part-6-cloud-run.jsonl")),
            "c",
            Instant.EPOCH);

    assertThat(cloudRun.getId()).isEqualTo(openfaas.getId());
  }

  private ObjectNode read(String fixture) {
    return (ObjectNode) reader.read(Fixtures.bytes(fixture));
  }

  private String idOf(ObjectNode alert) {
    return normalizer.normalize(alert, "c", INGEST).getId();
  }

  private static byte[] firstLine(String fixture) {
    return NdjsonLines.split(Fixtures.bytes(fixture)).get(0).bytes();
  }
}
