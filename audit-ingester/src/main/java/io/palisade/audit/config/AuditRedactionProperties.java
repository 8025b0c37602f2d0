package io.palisade.audit.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redaction beyond the built-in rules ({@code palisade.audit.redaction.*}).
 *
 * @param extraPaths more values to redact in every event, as paths relative to the native audit
 *     event, e.g. {@code requestObject.spec.password} or {@code
 *     $.responseObject.items[*].spec.token} (see {@code RedactionPath} and README.md)
 */
@ConfigurationProperties("palisade.audit.redaction")
public record AuditRedactionProperties(List<String> extraPaths) {

  public AuditRedactionProperties {
    extraPaths = extraPaths == null ? List.of() : List.copyOf(extraPaths);
  }
}
