package io.palisade.correlation.api;

import static io.palisade.correlation.support.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AvroJsonTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  @Test
  void rendersEveryFieldOfAnIncidentWithIsoTimesAndEnumNames() {
    Incident incident =
        incident("i-1").cluster("prod").lastSeen(T0).entity(EntityKind.POD, "shop/web").build();

    JsonNode json = AvroJson.render(incident);

    assertThat(json.propertyNames())
        .containsExactlyElementsOf(
            incident.getSchema().getFields().stream().map(Schema.Field::name).toList());
    assertThat(json.get("id").stringValue()).isEqualTo("i-1");
    assertThat(json.get("lastSeen").stringValue()).isEqualTo("2026-02-01T07:00:00Z");
    assertThat(json.get("firstSeen").stringValue()).isEqualTo("2026-02-01T06:59:00Z");
    assertThat(json.get("status").stringValue()).isEqualTo("OPEN");
    assertThat(json.get("severity").stringValue()).isEqualTo("MEDIUM");
    assertThat(json.get("mergedInto").isNull()).isTrue();
    assertThat(json.get("version").longValue()).isEqualTo(1);
    assertThat(json.get("sources").get(0).stringValue()).isEqualTo("AUDIT");
    assertThat(json.get("entities").get(0).get("kind").stringValue()).isEqualTo("POD");
    JsonNode signal = json.get("signals").get(0);
    assertThat(signal.get("eventTime").stringValue()).isEqualTo("2026-02-01T07:00:00Z");
    assertThat(signal.get("tactic").stringValue()).isEqualTo("TA0002 Execution");
    assertThat(signal.get("evidence").get("source").stringValue()).isEqualTo("AUDIT");
  }

  @Test
  void leavesOutTheNamedFields() {
    JsonNode json = AvroJson.render(incident("i-1").build(), Set.of("signals"));

    assertThat(json.has("signals")).isFalse();
    assertThat(json.has("signalCount")).isTrue();
  }

  @Test
  void fieldsAddedToTheSchemaAppearWithoutCodeChanges() {
    Schema v2 =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Incident", "namespace": "io.palisade.avro",
                 "fields": [
                   {"name": "id", "type": "string"},
                   {"name": "storyline", "type": ["null", "string"], "default": null},
                   {"name": "resolution", "type": ["null", {"type": "enum",
                     "name": "IncidentResolution",
                     "symbols": ["UNKNOWN", "INACTIVITY", "ANALYST", "FALSE_POSITIVE"]}],
                     "default": null},
                   {"name": "acknowledgedAt", "type": ["null",
                     {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
                   {"name": "ruleCounts", "type": {"type": "map", "values": "int"},
                    "default": {}},
                   {"name": "reopened", "type": "int", "default": 0},
                   {"name": "weight", "type": "double", "default": 0},
                   {"name": "flag", "type": "boolean", "default": false},
                   {"name": "blob", "type": "bytes", "default": ""}
                 ]}
                """);
    Schema resolution = v2.getField("resolution").schema().getTypes().get(1);
    GenericRecord record = new GenericData.Record(v2);
    record.put("id", "i-2");
    record.put("storyline", "exec-then-secret-reads");
    record.put("resolution", new GenericData.EnumSymbol(resolution, "ANALYST"));
    record.put("acknowledgedAt", T0.toEpochMilli());
    record.put("ruleCounts", Map.of("rule-a", 3));
    record.put("reopened", 1);
    record.put("weight", 0.5);
    record.put("flag", true);
    record.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));

    JsonNode json = AvroJson.render(record);

    assertThat(JsonMapper.builder().build().writeValueAsString(json))
        .isEqualTo(
            "{\"id\":\"i-2\",\"storyline\":\"exec-then-secret-reads\",\"resolution\":\"ANALYST\","
                + "\"acknowledgedAt\":\"2026-02-01T07:00:00Z\",\"ruleCounts\":{\"rule-a\":3},"
                + "\"reopened\":1,\"weight\":0.5,\"flag\":true,\"blob\":\"AQID\"}");
  }

  @Test
  void rendersNestedArraysOfRecords() {
    JsonNode json = AvroJson.render(incident("i-3").build());

    assertThat(json.get("techniques")).hasSize(1);
    assertThat(json.get("signals").get(0).get("techniques").get(0).stringValue())
        .isEqualTo("T1609");
    assertThat(List.copyOf(json.get("signals").get(0).propertyNames()))
        .containsExactly(
            "id", "ruleId", "title", "severity", "eventTime", "tactic", "techniques", "evidence");
  }
}
