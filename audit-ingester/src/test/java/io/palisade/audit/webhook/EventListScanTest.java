package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.PlainAuditEvent;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.IntakeEndpointProperties.Limits;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.json.IntakeJson;
import io.palisade.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook reader's byte scanner ({@link EventListReader#scan}) against Jackson reading the same
 * body as trees ({@link EventListReader#readAsTrees}), on tens of thousands of mutated bodies:
 * bytes deleted, inserted, replaced, repeated and cut off, escapes and non-ASCII bytes planted,
 * nesting and strings pushed past the read limits. Whenever the scanner accepts a body, Jackson
 * must accept it too and find the same items at the same bytes, with the same trees, and every
 * event the scanner read as plain must give the record the normaliser makes of its tree. When the
 * scanner is not sure, the reader falls back to Jackson, so it may refuse valid bodies, but it
 * never accepts one Jackson refuses or reads one differently.
 */
class EventListScanTest {

  private static final Instant INGEST = Instant.parse("2026-03-01T12:00:00Z");

  /** Bytes a mutation plants: JSON's structure, escapes, digits, control and non-ASCII bytes. */
  private static final byte[] PLANTED =
      "{}[]\":,\\/0123456789-+.eEntrufalsu \n\t\r".getBytes(UTF_8);

  private static final int[] NON_ASCII = {
    0x00, 0x01, 0x1f, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc3, 0xa9, 0xe0, 0xe2, 0x82, 0xac, 0xed, 0xa0,
    0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff
  };

  private static final List<String> PLANTED_TEXT =
      List.of(
          "\\u00e9",
          "\\ud83d\\ude00",
          "\\ud800",
          "\\u12",
          "\\x",
          "\\\"",
          "caf\u00e9",
          "\u20ac",
          "\ud83d\ude00",
          "-0",
          "1e5",
          "2147483648",
          "-2147483648",
          "0.5",
          "007",
          "1.",
          "true",
          "nul",
          "[[[[[[[[[[[[]]]]]]]]]]]]",
          "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{}}}}}}}",
          "\"" + "x".repeat(3000) + "\"",
          "\"kind\":\"Event\",",
          "\"apiVersion\":\"v1\",",
          "\"metadata\":{},",
          "\"items\":[],");

  private final JsonMapper defaults = IntakeJson.mapper(Limits.defaults().forBatches());
  private final JsonMapper tight =
      IntakeJson.mapper(
          new Limits(DataSize.ofKilobytes(64), 3, DataSize.ofKilobytes(2), 12).forBatches());
  private final JsonMapper tightStrings =
      IntakeJson.mapper(new Limits(DataSize.ofKilobytes(64), 3, DataSize.ofBytes(2000), 12));
  private final AuditRedactor redactor = new AuditRedactor();

  @Test
  void theScannerReadsTheUsualBodiesItself() {
    for (byte[] body : bodies()) {
      EventListReader reader = new EventListReader(defaults, 10);
      List<AuditItem> scanned = reader.scan(body);
      assertThat(scanned).as(new String(body, UTF_8)).isNotNull();
      assertSameAsJackson(reader, body, scanned);
    }
  }

  @Test
  void whateverTheScannerAcceptsJacksonReadsTheSame() {
    Random random = new Random(20261128L);
    List<byte[]> bodies = bodies();
    int accepted = 0;
    int leftToJackson = 0;
    for (int i = 0; i < 30_000; i++) {
      JsonMapper mapper = i % 3 == 0 ? defaults : i % 3 == 1 ? tight : tightStrings;
      EventListReader reader = new EventListReader(mapper, 3);
      byte[] body = bodies.get(random.nextInt(bodies.size()));
      int mutations = 1 + random.nextInt(i % 10 == 0 ? 4 : 1);
      for (int m = 0; m < mutations; m++) {
        body = mutate(body, random);
      }
      List<AuditItem> scanned = reader.scan(body);
      if (scanned == null) {
        leftToJackson++;
      } else {
        accepted++;
        assertSameAsJackson(reader, body, scanned);
      }
    }
    // both sides of the comparison are exercised
    assertThat(accepted).isGreaterThan(5_000);
    assertThat(leftToJackson).isGreaterThan(5_000);
  }

  private void assertSameAsJackson(EventListReader reader, byte[] body, List<AuditItem> scanned) {
    String what = new String(body, UTF_8);
    List<AuditItem> trees;
    try {
      trees = reader.readAsTrees(body);
    } catch (RuntimeException e) {
      throw new AssertionError("the scanner accepted what Jackson refuses (" + e + "): " + what);
    }
    assertThat(scanned).as(what).hasSameSizeAs(trees);
    AuditEventNormalizer normalizer = new AuditEventNormalizer(redactor, defaults);
    for (int i = 0; i < scanned.size(); i++) {
      AuditItem fast = scanned.get(i);
      AuditItem slow = trees.get(i);
      assertThat(fast.where()).isEqualTo(slow.where());
      assertThat(fast.raw()).as(what).isEqualTo(slow.raw());
      assertThat(fast.parsed()).as(what).isEqualTo(slow.parsed());
      PlainAuditEvent plain = AuditIntake.publishableAsRead(fast, redactor);
      if (plain != null) {
        Object expected;
        try {
          expected = normalizer.normalize(slow.record().get(), slow.where(), "c", INGEST);
        } catch (InvalidEvidenceException e) {
          expected = e.reason();
        }
        assertThat(plain.toAuditEvent("c", INGEST)).as(what).isEqualTo(expected);
      }
    }
  }

  private static List<byte[]> bodies() {
    String exec = Fixtures.text("events/exec-pod/input.json").strip();
    String binding = Fixtures.text("events/create-clusterrolebinding/input.json").strip();
    String unusual =
        "{\"auditID\":\"caf\u00e9-\\u00e9\",\"stage\":\"ResponseComplete\",\"verb\":\"get\","
            + "\"user\":{\"username\":\"\\\"u\\\\\",\"groups\":[\"g\\n\",\"\u20ac\"],"
            + "\"extra\":{\"k\\u0041\":[\"\ud83d\ude00\"]}},\"requestURI\":\"/a?b=c\\u0026d=e\","
            + "\"responseStatus\":{\"metadata\":{},\"code\":-0},"
            + "\"requestObject\":{\"a\":[1,-2.5e3,true,false,null,{\"\\\"\":\"\\/\"}]},"
            + "\"annotations\":{\"x\":\"y\"},\"other\":[{},[],0]}";
    return List.of(
        ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + exec
                + ","
                + binding
                + "]}")
            .getBytes(UTF_8),
        ("{ \"items\" : [ " + unusual + " ] , \"kind\" : \"EventList\" }").getBytes(UTF_8),
        ("[" + binding + ",\n" + unusual + "]").getBytes(UTF_8));
  }

  private static byte[] mutate(byte[] body, Random random) {
    if (body.length == 0) {
      return "{".getBytes(UTF_8);
    }
    int at = random.nextInt(body.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    switch (random.nextInt(9)) {
      case 0 -> { // delete a byte
        out.write(body, 0, at);
        out.write(body, at + 1, body.length - at - 1);
      }
      case 1 -> { // insert a byte of JSON's structure
        out.write(body, 0, at);
        out.write(PLANTED[random.nextInt(PLANTED.length)]);
        out.write(body, at, body.length - at);
      }
      case 2 -> { // replace a byte
        byte[] copy = body.clone();
        copy[at] = PLANTED[random.nextInt(PLANTED.length)];
        return copy;
      }
      case 3 -> { // a control or non-ASCII byte, in place of one or added (at the end too)
        byte planted = (byte) NON_ASCII[random.nextInt(NON_ASCII.length)];
        if (random.nextBoolean()) {
          byte[] copy = body.clone();
          copy[at] = planted;
          return copy;
        }
        int where = random.nextInt(4) == 0 ? body.length : at;
        out.write(body, 0, where);
        out.write(planted);
        out.write(body, where, body.length - where);
      }
      case 4 -> { // cut off
        return Arrays.copyOf(body, at);
      }
      case 5 -> { // repeat a slice
        int length = random.nextInt(Math.min(40, body.length - at)) + 1;
        out.write(body, 0, at + length);
        out.write(body, at, body.length - at);
      }
      case 6, 7 -> { // plant text inside a string or next to a structural byte
        int quote = indexOf(body, random.nextBoolean() ? '"' : ',', at);
        if (quote < 0) {
          return body;
        }
        int where = random.nextBoolean() ? quote + 1 : quote;
        out.write(body, 0, where);
        out.writeBytes(PLANTED_TEXT.get(random.nextInt(PLANTED_TEXT.size())).getBytes(UTF_8));
        out.write(body, where, body.length - where);
      }
      default -> { // nest a value deeper
        int colon = indexOf(body, ':', at);
        if (colon < 0) {
          return body;
        }
        int depth = 1 + random.nextInt(14);
        out.write(body, 0, colon + 1);
        out.writeBytes("[".repeat(depth).getBytes(UTF_8));
        out.writeBytes("0".getBytes(UTF_8));
        out.writeBytes("]".repeat(depth).getBytes(UTF_8));
        // the old value goes on under a new name
        out.writeBytes(",\"deep\":".getBytes(UTF_8));
        out.write(body, colon + 1, body.length - colon - 1);
      }
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] body, char wanted, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
