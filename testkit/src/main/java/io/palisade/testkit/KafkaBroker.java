package io.palisade.testkit;

/** The broker a test runs against: where it is, whichever kind it is. */
public interface KafkaBroker extends AutoCloseable {

  String bootstrapServers();

  /** {@code testcontainers} or {@code embedded}. */
  String kind();

  @Override
  void close();
}
