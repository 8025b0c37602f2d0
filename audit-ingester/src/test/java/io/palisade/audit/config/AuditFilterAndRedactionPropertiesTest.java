package io.palisade.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.filter.FilterRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AuditFilterAndRedactionPropertiesTest {

  @Test
  void turnsEveryDefaultFilterOnAndAddsNoRuleOrPathUnlessConfigured() {
    Binder binder = binder(Map.of());

    AuditFilterProperties filters =
        binder.bindOrCreate("palisade.audit", AuditFilterProperties.class);
    AuditRedactionProperties redaction =
        binder.bindOrCreate("palisade.audit.redaction", AuditRedactionProperties.class);

    assertThat(filters.defaultFilters())
        .containsExactly("lease-renewals", "health-checks", "kube-proxy-watches");
    assertThat(filters.filters()).isEmpty();
    assertThat(redaction.extraPaths()).isEmpty();
  }

  @Test
  void turnsTheDefaultFiltersOffWhenSetEmpty() {
    AuditFilterProperties filters =
        binder(Map.of("palisade.audit.default-filters", ""))
            .bindOrCreate("palisade.audit", AuditFilterProperties.class);

    assertThat(filters.defaultFilters()).isEmpty();
  }

  @Test
  void bindsNamedRulesAndExtraPaths() {
    Binder binder =
        binder(
            Map.of(
                "palisade.audit.default-filters", "health-checks",
                "palisade.audit.filters[0].name", "argocd-reads",
                "palisade.audit.filters[0].users[0]", "system:serviceaccount:argocd:*",
                "palisade.audit.filters[0].verbs", "get,list,watch",
                "palisade.audit.filters[0].non-resource-urls[0]", "/openapi*",
                "palisade.audit.redaction.extra-paths[0]", "requestObject.spec.password",
                "palisade.audit.redaction.extra-paths[1]", "$.annotations['example.com/key']"));

    AuditFilterProperties filters =
        binder.bindOrCreate("palisade.audit", AuditFilterProperties.class);
    AuditRedactionProperties redaction =
        binder.bindOrCreate("palisade.audit.redaction", AuditRedactionProperties.class);

    assertThat(filters.defaultFilters()).containsExactly("health-checks");
    FilterRule rule = filters.filters().get(0);
    assertThat(rule.name()).isEqualTo("argocd-reads");
    assertThat(rule.users()).containsExactly("system:serviceaccount:argocd:*");
    assertThat(rule.verbs()).containsExactly("get", "list", "watch");
    assertThat(rule.nonResourceUrls()).containsExactly("/openapi*");
    assertThat(rule.resources()).isEmpty();
    assertThat(redaction.extraPaths())
        .isEqualTo(List.of("requestObject.spec.password", "$.annotations['example.com/key']"));
  }

  private static Binder binder(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties));
  }
}
