package io.palisade.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads YAML files into Jackson trees. SnakeYAML (YAML 1.1) parses them because Compose files use
 * merge keys ({@code <<: *anchor}), which Compose resolves and Jackson's YAML 1.2 parser does not.
 */
final class Yaml {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private Yaml() {}

  /** Every non-empty document of a file, in order. */
  static List<JsonNode> documents(Path file) {
    List<JsonNode> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Object document : snake().loadAll(reader)) {
        if (document != null) {
          documents.add(JSON.valueToTree(document));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /** Every document of a file, each required to be a mapping (a Kubernetes object). */
  static List<ObjectNode> objects(Path file) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode document : documents(file)) {
      if (!(document instanceof ObjectNode object)) {
        throw new IllegalArgumentException(file + " has a document that is not a mapping");
      }
      objects.add(object);
    }
    return objects;
  }

  /** The only document of a file. */
  static JsonNode single(Path file) {
    List<JsonNode> documents = documents(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(
          file + " must hold one YAML document, not " + documents.size());
    }
    return documents.get(0);
  }

  /** A YAML string (e.g. a ConfigMap's application file) as a tree. */
  static JsonNode parse(String text) {
    Object document = snake().load(text);
    return document == null ? JSON.createObjectNode() : JSON.valueToTree(document);
  }

  private static org.yaml.snakeyaml.Yaml snake() {
    return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
  }
}
