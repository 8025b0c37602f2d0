package io.palisade.notify;

import io.palisade.avro.Incident;
import io.palisade.schemas.PublishedSchemas;
import io.palisade.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/** Incidents stored as Avro JSON under {@code src/test/resources/webhook/<case>/}. */
public final class IncidentFixtures {

  private IncidentFixtures() {}

  public static Incident incident(String fixtureCase) {
    String json = Fixtures.text("webhook/" + fixtureCase + "/incident.avro.json");
    try {
      // the fixtures are v1 records: read them as such, resolved to the current schema (v2 fields
      // take their defaults), as a consumer reads an old record from the topic
      Schema written = PublishedSchemas.history("Incident").get(0);
      return new SpecificDatumReader<Incident>(written, Incident.getClassSchema())
          .read(null, DecoderFactory.get().jsonDecoder(written, json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read incident fixture " + fixtureCase, e);
    }
  }

  public static String expectedPayload(String fixtureCase) {
    return Fixtures.text("webhook/" + fixtureCase + "/expected.json");
  }

  /** The fixture under another id, e.g. to tell test cases apart at the receiver. */
  public static Incident incident(String fixtureCase, String id) {
    return Incident.newBuilder(incident(fixtureCase)).setId(id).build();
  }

  /**
   * The fixture under another id and still open (a resolved or merged incident nobody was told
   * about is not notified).
   */
  public static Incident open(String fixtureCase, String id) {
    return Incident.newBuilder(incident(fixtureCase, id))
        .setStatus(io.palisade.avro.IncidentStatus.OPEN)
        .setMergedInto(null)
        .build();
  }
}
