package io.palisade.admission.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryNamespaceLabelsTest {

  @Test
  void holdsWhatItIsGivenAndNothingElse() {
    InMemoryNamespaceLabels labels = new InMemoryNamespaceLabels();
    labels.put("payments", Map.of("pod-security.kubernetes.io/enforce", "restricted"));

    assertThat(labels.synced()).isTrue();
    assertThat(labels.labels("payments"))
        .containsExactly(Map.entry("pod-security.kubernetes.io/enforce", "restricted"));
    assertThat(labels.labels("other")).isEmpty();

    labels.remove("payments");
    assertThat(labels.labels("payments")).isEmpty();
  }
}
