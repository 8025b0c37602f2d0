package io.palisade.correlation.config;

import io.palisade.avro.EntityKind;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.Storylines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code palisade.correlation.*}: how signals link into incidents, when incidents resolve and
 * reopen, and which storylines name them. Anything left out takes the defaults of {@link
 * CorrelationSettings} (window 30m; linking kinds ACTOR, SERVICE_ACCOUNT, POD, WORKLOAD, SOURCE_IP;
 * retention 24h; timeline limit 50; inactivity 2h; reopen window 1h; the built-in storylines),
 * which also validates the combination.
 *
 * @param storylinesFile an extra storylines file, loaded after the built-in ones (a bad file stops
 *     the start with the file, storyline and problem named)
 */
@ConfigurationProperties("palisade.correlation")
public record CorrelationProperties(
    Duration window,
    Set<EntityKind> linkingKinds,
    Duration retention,
    Integer timelineLimit,
    Duration inactivity,
    Duration reopenWindow,
    Path storylinesFile) {

  CorrelationSettings settings() {
    return new CorrelationSettings(
        window == null ? CorrelationSettings.DEFAULT_WINDOW : window,
        linkingKinds == null ? CorrelationSettings.DEFAULT_LINKING_KINDS : linkingKinds,
        retention == null ? CorrelationSettings.DEFAULT_RETENTION : retention,
        timelineLimit == null ? CorrelationSettings.DEFAULT_TIMELINE_LIMIT : timelineLimit,
        inactivity == null ? CorrelationSettings.DEFAULT_INACTIVITY : inactivity,
        reopenWindow == null ? CorrelationSettings.DEFAULT_REOPEN_WINDOW : reopenWindow,
        storylinesFile == null ? Storylines.builtIn() : Storylines.builtInPlus(storylinesFile));
  }
}
