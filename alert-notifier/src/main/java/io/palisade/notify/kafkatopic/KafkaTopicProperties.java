package io.palisade.notify.kafkatopic;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.kafka-topic.*}: republishes incidents to a team's own topic on the same
 * cluster (with the notifier's producer settings). Registered only when {@code topic} is set.
 *
 * @param topic e.g. {@code palisade.incidents.team-payments}; it must exist (no auto-creation)
 * @param timeout how long one send may wait for the broker's acknowledgement
 */
@ConfigurationProperties("palisade.notifier.kafka-topic")
public record KafkaTopicProperties(String topic, @DefaultValue("30s") Duration timeout) {}
