package io.palisade.notify.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.notify.delivery.Backoff;
import io.palisade.notify.delivery.DeliveryMetrics;
import io.palisade.notify.delivery.IncidentDeliveryLoop;
import io.palisade.notify.delivery.KafkaSettings;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.routing.RoutingTree;
import io.palisade.notify.silence.SilenceStore;
import io.palisade.notify.state.NotificationStateStore;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain delivery classes; receivers are registered in {@link ReceiverRegistrations}. */
@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

  @Bean
  PalisadeTopics palisadeTopics(PalisadeProperties palisade) {
    return new PalisadeTopics(palisade.topics().names());
  }

  @Bean
  ReceiverHttpClient receiverHttpClient(NotifierProperties notifier) {
    return new ReceiverHttpClient(
        ReceiverHttpClient.defaultClient(notifier.http().connectTimeout()), Clock.systemUTC());
  }

  @Bean
  DeliveryMetrics deliveryMetrics(MeterRegistry registry) {
    return new DeliveryMetrics(registry);
  }

  @Bean
  KafkaSettings kafkaSettings(PalisadeProperties palisade, NotifierProperties notifier) {
    return new KafkaSettings(
        palisade.kafka().bootstrapServers(),
        notifier.consumerGroup(),
        notifier.startFrom().offsetReset(),
        notifier.consumerProperties(),
        notifier.producerProperties());
  }

  /**
   * The routing tree, validated at start: a configuration naming an unknown receiver, a bad
   * matcher, regex or time window stops the service with every problem listed.
   */
  @Bean
  RoutingTree routingTree(RoutingProperties routing, ObjectProvider<Receiver> receiverBeans) {
    List<String> names = receiverBeans.orderedStream().map(Receiver::name).toList();
    if (!routing.configured()) {
      return RoutingTree.everythingTo(names);
    }
    return RoutingTree.build(routing.toSpec(), names);
  }

  /** The silences; read from Kafka only once the notifier starts consuming. */
  @Bean
  SilenceStore silenceStore(KafkaSettings kafka, NotifierProperties notifier) {
    Map<String, Object> reader = new HashMap<>(kafka.stateReaderConfig());
    reader.put(ConsumerConfig.CLIENT_ID_CONFIG, "palisade-alert-notifier-silences");
    Map<String, Object> writer = new HashMap<>(kafka.producerConfig());
    writer.put(ProducerConfig.CLIENT_ID_CONFIG, "palisade-alert-notifier-silences");
    return new SilenceStore(
        notifier.silencesTopic(),
        () -> new KafkaConsumer<>(reader),
        () -> new KafkaProducer<>(writer),
        Clock.systemUTC());
  }

  @Bean
  IncidentConsumerLifecycle incidentConsumer(
      SilenceStore silences,
      RoutingTree routing,
      PalisadeProperties palisade,
      NotifierProperties notifier,
      KafkaSettings kafka,
      PalisadeTopics topics,
      ObjectProvider<Receiver> receiverBeans,
      DeliveryMetrics metrics,
      ApplicationEventPublisher events) {
    List<Receiver> receivers = receiverBeans.orderedStream().toList();
    NotifierProperties.Retry retry = notifier.retry();
    Backoff backoff =
        new Backoff(
            retry.initialBackoff(),
            retry.maxBackoff(),
            retry.maxRetryAfter(),
            retry.jitter(),
            retry.giveUpAfter());
    return new IncidentConsumerLifecycle(
        receivers,
        () -> {
          startSilences(kafka, notifier.silencesTopic(), silences);
          // one loop, consumer group and thread per receiver: a slow or broken receiver holds up
          // only its own progress
          return receivers.stream()
              .map(
                  receiver ->
                      IncidentDeliveryLoop.connect(
                          kafka.forReceiver(receiver.name()),
                          topics,
                          List.of(receiver),
                          routing,
                          notifier.stateTopic(),
                          silences,
                          notifier.rateLimits(),
                          palisade.cluster(),
                          backoff,
                          metrics,
                          Clock.systemUTC()))
              .toList();
        },
        events);
  }

  private static void startSilences(KafkaSettings kafka, String topic, SilenceStore silences) {
    try (Admin admin = Admin.create(kafka.adminConfig())) {
      NotificationStateStore.ensureTopic(admin, topic);
      silences.start(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the silences", e);
    }
  }
}
