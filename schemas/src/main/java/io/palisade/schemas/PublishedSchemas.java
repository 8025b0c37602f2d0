package io.palisade.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version Palisade ever published, read from the classpath at {@code
 * io/palisade/schemas/published/<Record>/v<N>.avsc} (N = 1, 2, … without gaps).
 *
 * <p>Kept in the jar, not only in tests, so that a consumer built today can still decode records
 * that an older producer wrote: a record names its writer schema by fingerprint, and this store
 * turns the fingerprint back into the schema.
 */
public final class PublishedSchemas implements SchemaStore {

  private static final String ROOT = "io/palisade/schemas/published/";

  private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

  private PublishedSchemas() {}

  /** The published history of the given records (by simple name, e.g. {@code "AuditEvent"}). */
  public static PublishedSchemas load(List<String> recordNames) {
    PublishedSchemas store = new PublishedSchemas();
    for (String recordName : recordNames) {
      for (Schema schema : history(recordName)) {
        store.add(schema);
      }
    }
    return store;
  }

  /** The published versions of one record, oldest first; empty when none was published. */
  public static List<Schema> history(String recordName) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = PublishedSchemas.class.getClassLoader();
    for (int version = 1; ; version++) {
      String path = ROOT + recordName + "/v" + version + ".avsc";
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          return versions;
        }
        versions.add(
            new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read published schema " + path, e);
      }
    }
  }

  /** Adds a schema, e.g. the current one, so that it resolves by fingerprint too. */
  public void add(Schema schema) {
    byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }
}
