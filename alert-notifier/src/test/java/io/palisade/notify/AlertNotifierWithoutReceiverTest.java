package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.notify.config.NotifierProperties;
import io.palisade.notify.config.PalisadeProperties;
import io.palisade.notify.receiver.Receiver;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;

/** The context with its shipped configuration and no receiver: nothing is consumed. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.config.name=alert-notifier")
class AlertNotifierWithoutReceiverTest {

  @Autowired ApplicationContext context;
  @Autowired PalisadeProperties palisade;
  @Autowired NotifierProperties notifier;
  @Autowired PalisadeTopics topics;

  @Test
  void startsWithoutConsumingWhenNoReceiverIsConfigured() {
    assertThat(context.getBeansOfType(Receiver.class)).isEmpty();
    assertThat(context.getBean("incidentConsumer", Lifecycle.class).isRunning()).isFalse();
  }

  @Test
  void bindsTheDocumentedDefaults() {
    assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("8084");
    assertThat(palisade.cluster()).isEqualTo("default");
    assertThat(palisade.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(topics.incidents().name()).isEqualTo("palisade.incidents.v1");
    assertThat(topics.deadLetter().name()).isEqualTo("palisade.deadletter.v1");
    assertThat(notifier.consumerGroup()).isEqualTo("palisade-alert-notifier");
    assertThat(notifier.startFrom()).isEqualTo(NotifierProperties.StartFrom.EARLIEST);
    assertThat(notifier.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(notifier.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(notifier.retry().maxRetryAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(notifier.http().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }
}
