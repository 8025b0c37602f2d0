package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the published contract: every schema ever published stays readable by the current one
 * (backward compatibility), and the current schema is itself published, so that every record a
 * release writes can be decoded by name of its fingerprint in every later release.
 */
class SchemaEvolutionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AuditEvent",
        "AdmissionDecision",
        "RuntimeAlert",
        "Signal",
        "Incident",
        "IncidentAction",
        "NotificationRecord"
      })
  void currentSchemaReadsEveryPublishedVersion(String recordName) throws Exception {
    Schema current = currentSchema(recordName);
    List<Schema> history = PublishedSchemas.history(recordName);
    assertThat(history).as("published history of " + recordName).isNotEmpty();

    for (int i = 0; i < history.size(); i++) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, history.get(i));
      assertThat(result.getType())
          .as(
              "%s: the current schema cannot read published v%d: %s",
              recordName, i + 1, result.getResult().getIncompatibilities())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AuditEvent",
        "AdmissionDecision",
        "RuntimeAlert",
        "Signal",
        "Incident",
        "IncidentAction",
        "NotificationRecord"
      })
  void currentSchemaIsTheLatestPublishedVersion(String recordName) throws Exception {
    Schema current = currentSchema(recordName);
    List<Schema> history = PublishedSchemas.history(recordName);
    Schema latest = history.get(history.size() - 1);

    assertThat(SchemaNormalization.parsingFingerprint64(latest))
        .as(
            "%s changed since v%d was published: once it is compatible, add it as"
                + " schemas/src/main/resources/io/palisade/schemas/published/%s/v%d.avsc",
            recordName, history.size(), recordName, history.size() + 1)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
  }

  private static Schema currentSchema(String recordName) throws ClassNotFoundException {
    return SpecificData.get().getSchema(Class.forName("io.palisade.avro." + recordName));
  }
}
