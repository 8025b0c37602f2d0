package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * Where {@code kubectl} is installed, the Java renderer the other tests use must render exactly
 * what {@code kubectl kustomize} renders, object for object. Skipped (not failed) without kubectl:
 * the build needs no cluster tooling.
 */
class KustomizeAgreesWithKubectlTest {

  static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void rendersWhatKubectlKustomizeRenders(String kustomization) throws Exception {
    Path kubectl = onPath("kubectl");
    assumeTrue(kubectl != null, "kubectl is not installed");
    Path output = Files.createTempFile("kustomize", ".yaml");
    try {
      Process process =
          new ProcessBuilder(
                  kubectl.toString(),
                  "kustomize",
                  Repository.path("k8s/" + kustomization).toString())
              .redirectOutput(output.toFile())
              .redirectErrorStream(false)
              .start();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize finished").isTrue();
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(errors).isZero();

      Map<String, JsonNode> expected = byId(Yaml.documents(output));
      Map<String, JsonNode> rendered = byId(List.copyOf(Manifests.of(kustomization).all()));

      assertThat(rendered.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      rendered.forEach((id, object) -> assertThat(object).as(id).isEqualTo(expected.get(id)));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Map<String, JsonNode> byId(List<? extends JsonNode> objects) {
    return objects.stream()
        .collect(
            Collectors.toMap(
                o ->
                    o.path("apiVersion").stringValue("")
                        + " "
                        + o.path("kind").stringValue("")
                        + " "
                        + o.path("metadata").path("namespace").stringValue("")
                        + "/"
                        + Manifests.name(o),
                Function.identity()));
  }

  private static Path onPath(String command) throws IOException {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
