package io.palisade.admission.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.admission.AdmissionRules;
import io.palisade.admission.namespaces.InMemoryNamespaceLabels;
import io.palisade.admission.namespaces.InformerNamespaceLabels;
import io.palisade.admission.namespaces.NamespaceLabels;
import io.palisade.admission.scope.AdmissionScope;
import io.palisade.admission.scope.CurrentScope;
import io.palisade.admission.scope.Exemption;
import io.palisade.admission.scope.ReloadingConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires scope (policy file, namespace labels) into the context. Keys:
 *
 * <ul>
 *   <li>{@code palisade.admission.policy-file}: path of {@code admission-policy.yaml}; unset means
 *       the built-in defaults. Checked every {@code palisade.admission.policy-reload-interval}
 *       (default 5s) and reloaded when its content changes and is valid.
 *   <li>{@code palisade.admission.namespaces.source}: {@code static} (default; in-memory, for
 *       all-in-one and tests) or {@code kubernetes} (informer on namespaces), with {@code .resync}
 *       (default 0s: never) and {@code .lookup-timeout} (default 1s).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ScopeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ScopeConfiguration.class);

  /**
   * The scope in force. When a policy file is configured this is a {@link ReloadingConfig}, whose
   * {@code get()} returns the latest valid version of the file.
   */
  @Bean
  CurrentScope admissionScope(Environment environment, MeterRegistry meters) {
    Binder properties = Binder.get(environment);
    String policyFile = properties.bind("palisade.admission.policy-file", String.class).orElse("");
    Duration reloadInterval =
        properties
            .bind("palisade.admission.policy-reload-interval", Duration.class)
            .orElse(Duration.ofSeconds(5));
    Clock clock = Clock.systemUTC();
    Supplier<AdmissionScope> scope;
    if (policyFile.isBlank()) {
      log.info("no palisade.admission.policy-file: built-in admission scope");
      AdmissionScope builtIn = AdmissionScope.builtIn(clock);
      scope = () -> builtIn;
    } else {
      ReloadingConfig.Parser<AdmissionScope> parser = AdmissionScope.parser(clock);
      ReloadingConfig<AdmissionScope> config =
          ReloadingConfig.load(
              Path.of(policyFile),
              (file, text) -> reportExpired(file, validated(parser.parse(file, text))),
              new PolicyFileMetrics(meters));
      config.startWatching(reloadInterval);
      scope = config;
    }
    Gauge.builder(
            "palisade.admission.exemptions.expired",
            scope,
            current -> current.get().exemptions().expired().size())
        .description("exemptions in the policy file that have expired and no longer apply")
        .register(meters);
    return new CurrentScope(scope);
  }

  /** Policy settings are checked when the file is loaded: a wrong one refuses the whole file. */
  private static AdmissionScope validated(AdmissionScope scope) {
    AdmissionRules.compile(scope, namespace -> false);
    return scope;
  }

  private static AdmissionScope reportExpired(Path file, AdmissionScope scope) {
    for (Exemption expired : scope.exemptions().expired()) {
      log.warn(
          "exemption {} in {} expired at {} and no longer applies; remove it from the file",
          expired.name(),
          file,
          expired.expires());
    }
    return scope;
  }

  @Bean
  NamespaceLabels namespaceLabels(Environment environment, MeterRegistry meters) {
    Binder properties = Binder.get(environment);
    String source =
        properties.bind("palisade.admission.namespaces.source", String.class).orElse("static");
    Duration resync =
        properties
            .bind("palisade.admission.namespaces.resync", Duration.class)
            .orElse(Duration.ZERO);
    Duration lookupTimeout =
        properties
            .bind("palisade.admission.namespaces.lookup-timeout", Duration.class)
            .orElse(Duration.ofSeconds(1));
    switch (source) {
      case "static":
        return new InMemoryNamespaceLabels();
      case "kubernetes":
        InformerNamespaceLabels informer =
            InformerNamespaceLabels.connect(
                resync,
                lookupTimeout,
                namespace -> log.debug("namespace {} labels changed", namespace));
        informer
            .start()
            .whenComplete(
                (synced, error) -> {
                  if (error == null) {
                    log.info("namespace cache synced");
                  } else {
                    log.error("namespace informer failed to start", error);
                  }
                });
        Gauge.builder("palisade.admission.namespaces.synced", informer, i -> i.synced() ? 1 : 0)
            .description("1 once the namespace informer has listed all namespaces")
            .register(meters);
        FunctionCounter.builder(
                "palisade.admission.namespaces.cache.misses",
                informer,
                InformerNamespaceLabels::cacheMisses)
            .description("namespace lookups not answered from the informer's cache")
            .register(meters);
        FunctionCounter.builder(
                "palisade.admission.namespaces.lookup.failures",
                informer,
                InformerNamespaceLabels::lookupFailures)
            .description("cache misses whose direct lookup failed: the namespace got the defaults")
            .register(meters);
        return informer;
      default:
        throw new IllegalStateException(
            "palisade.admission.namespaces.source must be static or kubernetes, not \""
                + source
                + "\"");
    }
  }

  /** Counts policy file reloads as {@code palisade.admission.policy.reloads{outcome}}. */
  private static final class PolicyFileMetrics implements ReloadingConfig.Listener {
    private final Counter applied;
    private final Counter rejected;

    PolicyFileMetrics(MeterRegistry meters) {
      applied = counter(meters, "applied");
      rejected = counter(meters, "rejected");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
      return Counter.builder("palisade.admission.policy.reloads")
          .description("policy file versions applied, or rejected (the previous one stays)")
          .tag("outcome", outcome)
          .register(meters);
    }

    @Override
    public void applied(Path file, String sha256) {
      applied.increment();
    }

    @Override
    public void rejected(Path file, String problem) {
      rejected.increment();
    }
  }
}
