package io.palisade.admission.policy.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePatternsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "quay.io, quay.io",
    "localhost:5000, localhost:5000",
    "registry.example.com/team/, registry.example.com/team/",
    "openpolicyagent/, docker.io/openpolicyagent/",
    "openpolicyagent/*, docker.io/openpolicyagent/",
    "ubuntu:20.14, docker.io/library/ubuntu:20.14",
    "nginx, docker.io/library/nginx",
    "docker.io/nginx, docker.io/library/nginx",
    "docker.io/, docker.io/"
  })
  void normalisesEntriesLikeImages(String entry, String prefix) {
    assertThat(new ImagePatterns(List.of(entry)).prefixes()).containsExactly(prefix);
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "quay.io, quay.io/prometheus/x:1, true",
    "quay.io, quay.io.evil.com/x:1, false",
    "myregistry.azurecr.io/*, myregistry.azurecr.io/nginx, true",
    "myregistry.azurecr.io/*, myregistry.azurecr.io.malicious.com/malicious-image, false",
    "mydockerhub/*, mydockerhubmalicious/python, false",
    "nginx, nginx, true",
    "nginx, nginx:1.27, true",
    "nginx, nginx@sha256:abc, true",
    "nginx, nginx-exporter:1, false",
    "ubuntu:20.14, ubuntu:20.14, true",
    "ubuntu:20.14, ubuntu:20.145, false",
    "docker.io/, bitnami/redis, true",
    "123.dkr.ecr.eu-west-1.amazonaws.com/postgres, 123.dkr.ecr.eu-west-1.amazonaws.com/postgresmalicious, false"
  })
  void matchesOnlyAtAComponentBoundary(String entry, String image, boolean matches) {
    assertThat(new ImagePatterns(List.of(entry)).matches(ImageReference.parse(image).orElseThrow()))
        .isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", "  "})
  void refusesABlankEntryNamingIt(String entry) {
    assertThatThrownBy(() -> new ImagePatterns(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is blank");
  }
}
