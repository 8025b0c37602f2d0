package io.palisade.admission.policy.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx, docker.io/library/nginx",
    "nginx:1.27, docker.io/library/nginx:1.27",
    "bitnami/redis:7, docker.io/bitnami/redis:7",
    "docker.io/nginx, docker.io/library/nginx",
    "index.docker.io/library/nginx:1, docker.io/library/nginx:1",
    "quay.io/prometheus/node-exporter:v1.8.0, quay.io/prometheus/node-exporter:v1.8.0",
    "localhost/app, localhost/app",
    "localhost:5000/team/app:2, localhost:5000/team/app:2",
    "openpolicyagent:443/opa, openpolicyagent:443/opa",
    "registry.example.com/api@sha256:abc, registry.example.com/api@sha256:abc",
    "registry.example.com/api:1.4@sha256:abc, registry.example.com/api:1.4@sha256:abc"
  })
  void normalisesDockerHubShortNames(String image, String normalised) {
    assertThat(ImageReference.parse(image).orElseThrow().normalised()).isEqualTo(normalised);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "nginx, '', ''",
    "nginx:latest, latest, ''",
    "localhost:5000/app, '', ''",
    "registry:5000/app:1.2, 1.2, ''",
    "app@sha256:abc, '', sha256:abc",
    "app:1@sha256:abc, 1, sha256:abc"
  })
  void splitsTagAndDigestWithoutMistakingARegistryPortForATag(
      String image, String tag, String digest) {
    ImageReference reference = ImageReference.parse(image).orElseThrow();

    assertThat(reference.tag()).isEqualTo(tag);
    assertThat(reference.digest()).isEqualTo(digest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void aBlankImageHasNoReference(String image) {
    assertThat(ImageReference.parse(image)).isEmpty();
  }
}
