package io.palisade.admission.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.admission.namespaces.InMemoryNamespaceLabels;
import io.palisade.admission.namespaces.NamespaceLabels;
import io.palisade.admission.scope.AdmissionScope;
import io.palisade.admission.scope.CurrentScope;
import io.palisade.admission.scope.ReloadingConfig;
import io.palisade.admission.scope.WorkloadEnforcement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ScopeConfigurationTest {

  @TempDir Path dir;

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(ScopeConfiguration.class)
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  private static Supplier<AdmissionScope> scope(
      org.springframework.context.ApplicationContext context) {
    return context.getBean(CurrentScope.class).source();
  }

  @Test
  void withoutPropertiesUsesBuiltInScopeAndStaticNamespaces() {
    context.run(
        started -> {
          assertThat(started).hasNotFailed();
          assertThat(started.getBean(NamespaceLabels.class))
              .isInstanceOf(InMemoryNamespaceLabels.class);
          assertThat(scope(started).get().workloads()).isEqualTo(WorkloadEnforcement.ENFORCE);
        });
  }

  @Test
  void policyFileIsLoadedAndReloadsAreCounted() throws IOException {
    Path file = dir.resolve("admission-policy.yaml");
    Files.writeString(
        file,
        "workloads: warn\nexemptions:\n  - name: old\n    namespaces: [legacy]\n"
            + "    expires: 2020-01-01T00:00:00Z\n");

    context
        .withPropertyValues(
            "palisade.admission.policy-file=" + file,
            "palisade.admission.policy-reload-interval=1h")
        .run(
            started -> {
              Supplier<AdmissionScope> scope = scope(started);
              assertThat(scope).isInstanceOf(ReloadingConfig.class);
              assertThat(scope.get().workloads()).isEqualTo(WorkloadEnforcement.WARN);

              MeterRegistry meters = started.getBean(MeterRegistry.class);
              assertThat(meters.get("palisade.admission.exemptions.expired").gauge().value())
                  .isEqualTo(1.0);

              Files.writeString(file, "workloads: sometimes\n");
              ((ReloadingConfig<AdmissionScope>) scope).check();
              assertThat(
                      meters
                          .get("palisade.admission.policy.reloads")
                          .tag("outcome", "rejected")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(
                      meters
                          .get("palisade.admission.policy.reloads")
                          .tag("outcome", "applied")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void invalidPolicyFileStopsStartupNamingTheProblem() throws IOException {
    Path file = dir.resolve("admission-policy.yaml");
    Files.writeString(file, "defaults:\n  enforce: strict\n");

    context
        .withPropertyValues("palisade.admission.policy-file=" + file)
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "admission-policy.yaml: defaults.enforce: \"strict\" is not a level"));
  }

  @Test
  void unknownNamespaceSourceStopsStartupNamingTheProperty() {
    context
        .withPropertyValues("palisade.admission.namespaces.source=kube")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "palisade.admission.namespaces.source must be static or kubernetes, not"
                            + " \"kube\""));
  }
}
