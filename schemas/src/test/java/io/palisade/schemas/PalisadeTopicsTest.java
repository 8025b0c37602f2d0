package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class PalisadeTopicsTest {

  @Test
  void usesTheDesignNamesByDefault() {
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();

    assertThat(topics.all())
        .extracting(Topic::name)
        .containsExactly(
            "palisade.audit.v1",
            "palisade.admission.v1",
            "palisade.runtime.v1",
            "palisade.signals.v1",
            "palisade.incidents.v1",
            "palisade.notifications.v1",
            "palisade.deadletter.v1",
            "palisade.incident-actions.v1");
  }

  @Test
  void overridesOnlyTheNamesThatAreConfigured() {
    TopicNames names = new TopicNames("acme.audit", null, null, null, "", null, null, null);
    PalisadeTopics topics = new PalisadeTopics(names);

    assertThat(topics.audit().name()).isEqualTo("acme.audit");
    assertThat(topics.incidents().name()).isEqualTo("palisade.incidents.v1");
    assertThat(topics.byName("acme.audit")).contains(topics.audit());
  }

  @Test
  void createsOnlyTheIncidentsTopicCompacted() {
    var newTopics = PalisadeTopics.withDefaultNames().newTopics(3, (short) 1);

    assertThat(newTopics)
        .filteredOn(topic -> "compact".equals(topic.configs().get("cleanup.policy")))
        .extracting(NewTopic::name)
        .containsExactly("palisade.incidents.v1");
    assertThat(newTopics).allSatisfy(topic -> assertThat(topic.numPartitions()).isEqualTo(3));
  }
}
