package io.palisade.correlation.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Streams configuration for TopologyTestDriver tests. */
public final class StreamsTestConfig {

  /** The driver's wall clock at start: ingest times of incidents are read from it. */
  public static final Instant WALL_CLOCK = Instant.parse("2026-02-01T08:00:00Z");

  private StreamsTestConfig() {}

  public static Properties properties(String applicationId) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never contacted
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    try {
      properties.put(
          StreamsConfig.STATE_DIR_CONFIG,
          Files.createTempDirectory(Files.createDirectories(Path.of("target", "ttd-state")), "ttd-")
              .toAbsolutePath()
              .toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
