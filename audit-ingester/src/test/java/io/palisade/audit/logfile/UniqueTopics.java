package io.palisade.audit.logfile;

import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import java.util.UUID;

/** Topic names no other test (or earlier run against the same broker) uses. */
final class UniqueTopics {

  private UniqueTopics() {}

  static PalisadeTopics named(String prefix) {
    String p = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    return new PalisadeTopics(
        new TopicNames(
            p + "audit",
            p + "admission",
            p + "runtime",
            p + "signals",
            p + "incidents",
            p + "notifications",
            p + "deadletter",
            null));
  }
}
