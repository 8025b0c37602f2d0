package io.palisade.notify.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.notify.delivery.Backoff;
import io.palisade.notify.delivery.DeliveryMetrics;
import io.palisade.notify.delivery.IncidentDeliveryLoop;
import io.palisade.notify.delivery.KafkaSettings;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.routing.CurrentRouting;
import io.palisade.notify.routing.RoutingFile;
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
   * The routing tree in force, validated at start: a configuration naming an unknown receiver, a
   * bad matcher, regex or time window stops the service with every problem listed. From {@code
   * palisade.notifier.routing-file} it is reloaded when the file changes (a bad change keeps the
   * running tree, logs why and counts a rejected reload); from {@code palisade.notifier.routing.*}
   * it is fixed.
   */
  @Bean
  CurrentRouting routing(
      RoutingProperties routing,
      NotifierProperties notifier,
      ConfiguredReceivers receivers,
      MeterRegistry meters) {
    List<String> names = receivers.names();
    if (notifier.routingFile() != null) {
      if (routing.configured()) {
        throw new IllegalStateException(
            "set palisade.notifier.routing-file or palisade.notifier.routing.*, not both");
      }
      RoutingFile file =
          RoutingFile.load(notifier.routingFile(), names, new RoutingReloadMetrics(meters));
      file.startWatching(notifier.routingFilePollInterval());
      return file;
    }
    if (!routing.configured()) {
      return CurrentRouting.fixed(RoutingTree.everythingTo(names));
    }
    return CurrentRouting.fixed(RoutingTree.build(routing.toSpec(), names));
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
      CurrentRouting routing,
      PalisadeProperties palisade,
      NotifierProperties notifier,
      KafkaSettings kafka,
      PalisadeTopics topics,
      ConfiguredReceivers configured,
      DeliveryMetrics metrics,
      ApplicationEventPublisher events) {
    List<Receiver> receivers = configured.all();
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
                          rateLimitOf(receiver, notifier),
                          palisade.cluster(),
                          backoff,
                          metrics,
                          Clock.systemUTC()))
              .toList();
        },
        events);
  }

  /**
   * The receiver's messages per second: {@code palisade.notifier.rate-limits.<name>} if set, else
   * its kind's (each Slack webhook, Teams workflow or PagerDuty routing key is limited on its own).
   */
  static Map<String, Double> rateLimitOf(Receiver receiver, NotifierProperties notifier) {
    Double limit = notifier.rateLimits().get(receiver.name());
    if (limit == null) {
      limit = notifier.rateLimits().get(receiver.kind());
    }
    return limit == null ? Map.of() : Map.of(receiver.name(), limit);
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
