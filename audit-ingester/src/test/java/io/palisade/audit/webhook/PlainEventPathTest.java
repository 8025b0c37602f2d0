package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.PlainAuditEvent;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.audit.redact.RedactionPath;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.InvalidEvidenceException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook's plain path (events read without a tree, {@link AuditIntake#publishableAsRead})
 * against the normaliser's tree path, on every event of the test resources (corpus, samples,
 * redaction cases) and on thousands of variants of them in which one field at a time gets another
 * JSON type, is removed, emptied or repeated: both paths must give the same record, or the same
 * refusal. Also checks that the plain path is taken for the ordinary events at all.
 */
class PlainEventPathTest {

  private static final Instant INGEST = Instant.parse("2026-03-01T12:00:00Z");

  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditRedactor redactor = new AuditRedactor();
  private final AuditEventNormalizer normalizer = new AuditEventNormalizer(redactor, json);
  private final EventListReader reader = new EventListReader(json, 10);

  @Test
  void bothPathsAgreeOnEveryEventOfTheTestResources() throws IOException {
    List<ObjectNode> events = events();
    int plain = 0;
    int valid = 0;
    for (ObjectNode event : events) {
      if (assertSameOutcome(event, event.toString())) {
        plain++;
      }
      if (treePath(only(event.toString())) instanceof AuditEvent) {
        valid++;
      }
    }
    assertThat(events).hasSizeGreaterThan(300);
    // the valid events that are not taken as read are Secret events and cloud-wrapped records
    assertThat(plain).as("valid events (of %d) published as read", valid).isGreaterThan(80);
  }

  @Test
  void bothPathsAgreeWhenAnyFieldHasAnotherShape() throws IOException {
    List<JsonNode> replacements =
        List.of(
            json.nullNode(),
            json.getNodeFactory().numberNode(7),
            json.getNodeFactory().numberNode(7_000_000_000L),
            json.getNodeFactory().numberNode(1.5),
            json.getNodeFactory().booleanNode(true),
            json.getNodeFactory().stringNode(""),
            json.getNodeFactory().stringNode("Event"),
            json.getNodeFactory().stringNode("audit.k8s.io/v1beta1"),
            json.getNodeFactory().stringNode("2026-01-02T03:04:05.123456Z"),
            json.getNodeFactory().stringNode("/api/v1/pods?token=abc"),
            json.createArrayNode(),
            json.createArrayNode().add("a").add("b"),
            json.createArrayNode().add(1).addNull(),
            json.createObjectNode(),
            json.createObjectNode().put("a", "b").put("code", 404),
            json.createObjectNode().putNull("a"),
            json.createObjectNode().set("a", json.createArrayNode().add("x")));
    int variants = 0;
    for (ObjectNode event : events().subList(0, 40)) {
      for (String path : paths(event)) {
        for (JsonNode replacement : replacements) {
          ObjectNode variant = event.deepCopy();
          set(variant, path, replacement);
          assertSameOutcome(variant, path + " = " + replacement);
          variants++;
        }
        ObjectNode removed = event.deepCopy();
        remove(removed, path);
        assertSameOutcome(removed, "without " + path);
        // a repeated key: the last value counts
        String text = event.toString();
        String repeated = text.substring(0, text.length() - 1) + ",\"" + last(path) + "\":null}";
        if (!path.contains(".")) {
          assertSameOutcome(repeated, "repeated " + path + " (null last)");
        }
        variants++;
      }
    }
    assertThat(variants).isGreaterThan(5_000);
  }

  @Test
  void anEventThatIsNotPlainDeepInsideLeavesItsNeighboursIntact() {
    String plain =
        "{\"auditID\":\"%s\",\"stage\":\"ResponseComplete\",\"verb\":\"get\","
            + "\"user\":{\"username\":\"u\"}}";
    String notPlain =
        "{\"auditID\":\"b\",\"stage\":\"ResponseComplete\",\"verb\":\"get\","
            + "\"user\":{\"username\":\"u\",\"extra\":{\"k\":[\"v\",{\"deep\":[1,{\"x\":2}]}]},"
            + "\"groups\":[\"g\"]},\"objectRef\":{\"resource\":\"pods\"}}";
    String body =
        "{\"kind\":\"EventList\",\"items\":["
            + plain.formatted("a")
            + ","
            + notPlain
            + ","
            + plain.formatted("c")
            + "]}";

    List<AuditItem> items = reader.read(body.getBytes(UTF_8));

    assertThat(items).extracting(item -> item.plain() != null).containsExactly(true, false, true);
    assertThat(items)
        .extracting(item -> item.parsed().get("auditID").asString())
        .containsExactly("a", "b", "c");
    assertThat(items.get(1).parsed().get("objectRef").get("resource").asString()).isEqualTo("pods");
  }

  @Test
  void anExtraRedactionPathAlwaysTakesTheTreePath() throws IOException {
    AuditRedactor withPath =
        new AuditRedactor(
            List.of(RedactionPath.parse("requestObject.spec.password")),
            io.palisade.audit.redact.RedactionCounter.NONE,
            json);
    for (ObjectNode event : events()) {
      AuditItem item = only(event.toString());
      assertThat(AuditIntake.publishableAsRead(item, withPath)).isNull();
    }
  }

  /** Returns whether the plain path was taken. */
  private boolean assertSameOutcome(ObjectNode event, String what) {
    return assertSameOutcome(event.toString(), what);
  }

  private boolean assertSameOutcome(String eventJson, String what) {
    AuditItem item = only(eventJson);
    PlainAuditEvent plain = AuditIntake.publishableAsRead(item, redactor);
    Object expected = treePath(item);
    Object actual = plain != null ? plain.toAuditEvent("c", INGEST) : expected;
    assertThat(actual).as("%s: %s", what, eventJson).isEqualTo(expected);
    return plain != null;
  }

  /** The normaliser on the item's tree: the record, or the refusal's reason and message. */
  private Object treePath(AuditItem item) {
    try {
      return normalizer.normalize(item.record().get(), item.where(), "c", INGEST);
    } catch (InvalidEvidenceException e) {
      return e.reason() + ": " + e.getMessage();
    }
  }

  /** The one item of a body holding one event in an EventList (read as a tree). */
  private AuditItem only(String eventJson) {
    String body =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + eventJson + "]}";
    List<AuditItem> items = reader.read(body.getBytes(UTF_8));
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private List<ObjectNode> events() throws IOException {
    List<ObjectNode> events = new ArrayList<>();
    Path root = resources();
    for (String dir : List.of("corpus", "events", "redaction", "gke", "aks")) {
      try (Stream<Path> files = Files.walk(root.resolve(dir))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".md") || name.endsWith(".py") || name.equals("expected.jsonl")) {
            continue;
          }
          String text = Files.readString(file, UTF_8).strip();
          List<String> documents =
              text.startsWith("{") && !text.contains("}\n{")
                  ? List.of(text)
                  : text.lines().toList();
          for (String document : documents) {
            collect(document, events);
          }
        }
      }
    }
    return events;
  }

  private void collect(String document, List<ObjectNode> events) {
    if (document.isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = json.readTree(document);
    } catch (RuntimeException e) {
      return; // the corpus's deliberately broken lines
    }
    if (node instanceof ArrayNode array) {
      array.forEach(item -> collect(item.toString(), events));
    } else if (node instanceof ObjectNode object) {
      if (object.get("items") instanceof ArrayNode items) {
        items.forEach(item -> collect(item.toString(), events));
      } else if (object.get("log") instanceof ObjectNode log) {
        events.add(log); // a Panther rule test
      } else {
        events.add(object);
      }
    }
  }

  private static Path resources() {
    try {
      return Path.of(PlainEventPathTest.class.getResource("/corpus/README.md").toURI())
          .getParent()
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Paths of the fields the normaliser reads: top-level ones and one level into objects. */
  private static List<String> paths(ObjectNode event) {
    List<String> paths = new ArrayList<>();
    for (String name : event.propertyNames()) {
      paths.add(name);
      if (event.get(name) instanceof ObjectNode inner && !name.endsWith("Object")) {
        for (String innerName : inner.propertyNames()) {
          paths.add(name + "." + innerName);
        }
      }
    }
    for (String name :
        List.of("kind", "apiVersion", "level", "requestURI", "user.extra", "impersonatedUser")) {
      if (!paths.contains(name)) {
        paths.add(name);
      }
    }
    return paths;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static void set(ObjectNode event, String path, JsonNode value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      event.set(path, value);
    } else if (event.get(path.substring(0, dot)) instanceof ObjectNode inner) {
      inner.set(path.substring(dot + 1), value);
    }
  }

  private static void remove(ObjectNode event, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      event.remove(path);
    } else if (event.get(path.substring(0, dot)) instanceof ObjectNode inner) {
      inner.remove(path.substring(dot + 1));
    }
  }
}
