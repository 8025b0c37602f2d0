package io.palisade.correlation.config;

import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * Sets the destination of every binding from {@link PalisadeTopics}, so that topic names come from
 * one place ({@code palisade.topics.*} over the {@code TopicNames} defaults) and never from YAML
 * strings that could disagree. A destination set explicitly on a binding still wins.
 *
 * <p>It runs when {@link BindingServiceProperties} is initialised, before the Kafka Streams binder
 * reads any destination to build the topologies.
 */
final class TopicBindings implements BeanPostProcessor {

  /** Binding name (function-in/out-index) → the topic it reads or writes. */
  static final Map<String, Function<PalisadeTopics, Topic<?, ?>>> DESTINATIONS =
      Map.of(
          "detect-in-0", PalisadeTopics::audit,
          "detect-in-1", PalisadeTopics::admission,
          "detect-in-2", PalisadeTopics::runtime,
          "detect-out-0", PalisadeTopics::signals,
          "correlate-in-0", PalisadeTopics::signals,
          "correlate-in-1", PalisadeTopics::incidentActions,
          "correlate-out-0", PalisadeTopics::incidents);

  private final ObjectProvider<PalisadeTopics> topics;

  TopicBindings(ObjectProvider<PalisadeTopics> topics) {
    this.topics = topics;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof BindingServiceProperties bindings) {
      PalisadeTopics palisadeTopics = topics.getObject();
      DESTINATIONS.forEach(
          (binding, topic) -> {
            BindingProperties explicit = bindings.getBindings().get(binding);
            if (explicit == null || explicit.getDestination() == null) {
              bindings
                  .getBindingProperties(binding)
                  .setDestination(topic.apply(palisadeTopics).name());
            }
          });
    }
    return bean;
  }
}
