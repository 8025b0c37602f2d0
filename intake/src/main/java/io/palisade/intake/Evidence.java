package io.palisade.intake;

import io.palisade.schemas.CloudEvent;
import java.util.Objects;

/** One record to publish: its key, its value and its CloudEvents attributes. */
public record Evidence<V>(String key, V value, CloudEvent event) {
  public Evidence {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(event, "event");
  }
}
