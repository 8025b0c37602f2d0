package io.palisade.correlation.config;

import io.palisade.avro.EntityKind;
import io.palisade.correlation.correlate.CorrelationSettings;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code palisade.correlation.*}: how signals link into incidents. Anything left out takes the
 * defaults of {@link CorrelationSettings} (window 30m; linking kinds POD, ACTOR, SERVICE_ACCOUNT;
 * retention 24h; timeline limit 50), which also validates the combination.
 */
@ConfigurationProperties("palisade.correlation")
public record CorrelationProperties(
    Duration window, Set<EntityKind> linkingKinds, Duration retention, Integer timelineLimit) {

  CorrelationSettings settings() {
    return new CorrelationSettings(
        window == null ? CorrelationSettings.DEFAULT_WINDOW : window,
        linkingKinds == null ? CorrelationSettings.DEFAULT_LINKING_KINDS : linkingKinds,
        retention == null ? CorrelationSettings.DEFAULT_RETENTION : retention,
        timelineLimit == null ? CorrelationSettings.DEFAULT_TIMELINE_LIMIT : timelineLimit);
  }
}
