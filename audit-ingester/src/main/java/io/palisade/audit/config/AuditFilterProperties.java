package io.palisade.audit.config;

import io.palisade.audit.filter.FilterRule;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The noise filter ({@code palisade.audit.default-filters}, {@code palisade.audit.filters}).
 *
 * @param defaultFilters which of the shipped rules are on; all of them unless set, none when set
 *     empty ({@code palisade.audit.default-filters=})
 * @param filters rules of your own, applied after the default ones
 */
@ConfigurationProperties("palisade.audit")
public record AuditFilterProperties(
    @DefaultValue({"lease-renewals", "health-checks", "kube-proxy-watches"})
        List<String> defaultFilters,
    List<FilterRule> filters) {

  public AuditFilterProperties {
    defaultFilters = defaultFilters == null ? List.of() : List.copyOf(defaultFilters);
    filters = filters == null ? List.of() : List.copyOf(filters);
  }
}
