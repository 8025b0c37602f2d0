package io.palisade.intake.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies for fuzz-style tests, made deterministically from a seed and from real, valid
 * samples: truncated, byte-mutated, structurally mutated (a field removed, a value of another
 * type), deeply nested, oversized, or plain garbage. The same seed gives the same bodies in the
 * same order, so a failure can be replayed.
 */
public final class MalformedBodies {

  /** What a body was made by, to name it in a failure. */
  public record Body(String kind, byte[] bytes) {
    @Override
    public String toString() {
      String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
      return kind + " (" + bytes.length + " bytes): " + text;
    }
  }

  private static final byte[] JSON_PUNCTUATION = "{}[]\":,\\ \n0-.eEtfnul".getBytes();

  private final Random random;
  private final List<byte[]> samples;
  private final int oversizedBytes;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * @param samples valid bodies to mutate
   * @param oversizedBytes the size of the bodies that must be refused as too large
   */
  public MalformedBodies(long seed, List<byte[]> samples, int oversizedBytes) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("at least one valid sample is needed");
    }
    this.random = new Random(seed);
    this.samples = List.copyOf(samples);
    this.oversizedBytes = oversizedBytes;
  }

  public Body next() {
    int pick = random.nextInt(100);
    if (pick < 20) {
      return new Body("truncated", truncated());
    }
    if (pick < 40) {
      return new Body("byte-mutated", byteMutated());
    }
    if (pick < 65) {
      return new Body("tree-mutated", treeMutated());
    }
    if (pick < 72) {
      return new Body("deeply-nested", deeplyNested());
    }
    if (pick < 74) {
      return new Body("oversized", oversized());
    }
    if (pick < 80) {
      return new Body("wrong-shape", wrongShape());
    }
    if (pick < 85) {
      return new Body("garbage", garbage());
    }
    if (pick < 90) {
      return new Body("spliced", spliced());
    }
    return new Body("edge-value", edgeValue());
  }

  private byte[] sample() {
    return samples.get(random.nextInt(samples.size()));
  }

  private byte[] truncated() {
    byte[] sample = sample();
    return Arrays.copyOf(sample, random.nextInt(sample.length));
  }

  private byte[] byteMutated() {
    byte[] body = sample().clone();
    int mutations = 1 + random.nextInt(8);
    for (int i = 0; i < mutations; i++) {
      int at = random.nextInt(body.length);
      body[at] =
          random.nextBoolean()
              ? JSON_PUNCTUATION[random.nextInt(JSON_PUNCTUATION.length)]
              : (byte) random.nextInt(256);
    }
    if (random.nextInt(4) == 0) {
      int from = random.nextInt(body.length);
      int to = Math.min(body.length, from + random.nextInt(64));
      byte[] cut = new byte[body.length - (to - from)];
      System.arraycopy(body, 0, cut, 0, from);
      System.arraycopy(body, to, cut, from, body.length - to);
      body = cut;
    }
    return body;
  }

  /** Valid JSON, but one node somewhere is removed or replaced by a value of another kind. */
  private byte[] treeMutated() {
    JsonNode root = json.readTree(sample());
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutateSomewhere(root);
    }
    return json.writeValueAsBytes(root);
  }

  private void mutateSomewhere(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(root, containers);
    JsonNode container = containers.get(random.nextInt(containers.size()));
    if (container instanceof ObjectNode object && !object.isEmpty()) {
      List<String> names = new ArrayList<>(object.propertyNames());
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(3) == 0) {
        object.remove(name);
      } else {
        object.set(name, randomValue());
      }
    } else if (container instanceof ArrayNode array && !array.isEmpty()) {
      int index = random.nextInt(array.size());
      if (random.nextInt(3) == 0) {
        array.remove(index);
      } else {
        array.set(index, randomValue());
      }
    }
  }

  private void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainer()) {
      into.add(node);
      for (JsonNode child : node) {
        collectContainers(child, into);
      }
    }
  }

  private JsonNode randomValue() {
    JsonNodeFactory nodes = json.getNodeFactory();
    return switch (random.nextInt(12)) {
      case 0 -> nodes.nullNode();
      case 1 -> nodes.booleanNode(random.nextBoolean());
      case 2 -> nodes.numberNode(random.nextLong());
      case 3 -> nodes.numberNode(random.nextDouble() * 1e300);
      case 4 -> nodes.stringNode("");
      case 5 -> nodes.stringNode("x".repeat(random.nextInt(5000)));
      case 6 -> nodes.stringNode("2023-13-45T99:99:99Z");
      case 7 -> nodes.stringNode("\u0000\uFFFF\uD83D\uDE00 ünïcödé");
      case 8 -> nodes.arrayNode().add(1).add("a").addNull();
      case 9 -> nodes.objectNode().put("k", "v");
      case 10 -> nodes.stringNode("<NA>");
      default -> nodes.numberNode(new java.math.BigDecimal("1e-400"));
    };
  }

  private byte[] deeplyNested() {
    int depth = random.nextBoolean() ? 10_000 : 150 + random.nextInt(1000);
    StringBuilder body = new StringBuilder();
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    if (random.nextBoolean()) {
      body.append("{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"deep\",\"x\":");
    }
    body.append(open.repeat(depth));
    if (random.nextBoolean()) {
      body.append("1").append(close.repeat(depth)); // balanced: only the depth is wrong
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] oversized() {
    byte[] sample = sample();
    StringBuilder body = new StringBuilder(oversizedBytes + 64);
    body.append("{\"padding\":\"");
    while (body.length() < oversizedBytes) {
      body.append('x');
    }
    body.append("\",\"sample\":").append(new String(sample, StandardCharsets.UTF_8)).append('}');
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] wrongShape() {
    String[] shapes = {
      "",
      " ",
      "null",
      "true",
      "0",
      "-1e999",
      "\"text\"",
      "[]",
      "{}",
      "[{}]",
      "[null]",
      "[[[]]]",
      "{\"kind\":null}",
      "{\"items\":\"x\"}",
      "{\"kind\":\"EventList\",\"items\":[1,2,3]}",
      "{\"apiVersion\":{}}",
      "{\"output_fields\":[]}",
      "{\"time\":1,\"rule\":2,\"priority\":3}"
    };
    return shapes[random.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
  }

  private byte[] garbage() {
    byte[] body = new byte[random.nextInt(2048)];
    random.nextBytes(body);
    return body;
  }

  /** Two samples glued, or one with a second top-level value after it. */
  private byte[] spliced() {
    byte[] first = sample();
    byte[] second = random.nextBoolean() ? sample() : "{}".getBytes(StandardCharsets.UTF_8);
    int cut = random.nextInt(first.length);
    byte[] body = Arrays.copyOf(first, cut + second.length);
    System.arraycopy(second, 0, body, cut, second.length);
    return body;
  }

  private byte[] edgeValue() {
    Map<Integer, String> edges =
        Map.ofEntries(
            Map.entry(0, "{\"n\":" + "9".repeat(5000) + "}"),
            Map.entry(1, "{\"" + "k".repeat(20_000) + "\":1}"),
            Map.entry(2, "{\"n\":1e9999999999}"),
            Map.entry(3, "{\"s\":\"\\ud800\"}"),
            Map.entry(4, "{\"a\":1,\"a\":2}"),
            Map.entry(5, "\uFEFF{}"),
            Map.entry(6, "{\"s\":\"\u0000\"}"),
            Map.entry(7, "[" + "{},".repeat(6000) + "{}]"),
            Map.entry(8, "{\"kind\":\"EventList\",\"items\":[" + "{},".repeat(6000) + "{}]}"),
            Map.entry(9, "{'single':'quotes'}"),
            Map.entry(10, "{\"n\":NaN}"),
            Map.entry(11, "{\"n\":0.1e-99999999}"));
    byte[] body = edges.get(random.nextInt(edges.size())).getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(5) == 0) {
      body = Arrays.copyOf(body, body.length + 1);
      body[body.length - 1] = (byte) 0xC3; // a cut UTF-8 sequence
    }
    return body;
  }
}
