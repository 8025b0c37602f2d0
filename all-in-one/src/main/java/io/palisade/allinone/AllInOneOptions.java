package io.palisade.allinone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of all-in-one.
 *
 * @param demo replay the built-in attack, print the incident and exit
 * @param dataDir where the broker and the stream state live (null with --demo: a temporary dir)
 * @param kafkaPort the embedded broker's port on 127.0.0.1
 * @param randomPorts bind the broker and every HTTP port to free ports (for tests and parallel
 *     runs)
 * @param webhookUrl deliver incidents there instead of to the built-in console inbox
 * @param inboxPort the console inbox's port on 127.0.0.1
 * @param cluster the cluster name put on the evidence
 * @param demoTimeout how long --demo waits for the incident
 * @param serviceProperties any --palisade.*, --spring.*, --server.*, --management.* or --logging.*
 *     property, passed to every service
 */
record AllInOneOptions(
    boolean demo,
    Path dataDir,
    int kafkaPort,
    boolean randomPorts,
    URI webhookUrl,
    int inboxPort,
    String cluster,
    Duration demoTimeout,
    Map<String, String> serviceProperties) {

  static final String USAGE =
      """
      Usage: java -jar all-in-one.jar [--demo] [options]

        --demo                 replay a built-in attack, print the resulting incident, exit 0
        --data-dir=PATH        broker and stream state (default ./palisade-data; temporary with --demo)
        --kafka-port=N         embedded Kafka port on 127.0.0.1 (default 9092)
        --random-ports         use free ports for Kafka and every service (tests, parallel runs)
        --webhook-url=URL      deliver incidents to this webhook instead of the console inbox
        --inbox-port=N         console inbox port on 127.0.0.1 (default 8085)
        --cluster=NAME         cluster name put on the evidence (default: demo / default)
        --demo-timeout=SECONDS how long --demo waits for the incident (default 120)
        --verbose              log at INFO from every component
        --<property>=<value>   any palisade.*, spring.*, server.*, management.* or logging.*
                               property, passed to every service
      """;

  /** Parses the arguments; throws IllegalArgumentException with a message naming a bad one. */
  static AllInOneOptions parse(String... args) {
    boolean demo = false;
    boolean randomPorts = false;
    Path dataDir = null;
    int kafkaPort = 9092;
    URI webhookUrl = null;
    int inboxPort = 8085;
    String cluster = null;
    Duration demoTimeout = Duration.ofSeconds(120);
    Map<String, String> properties = new LinkedHashMap<>();
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      switch (name) {
        case "--demo" -> demo = true;
        case "--random-ports" -> randomPorts = true;
        case "--verbose" -> {
          properties.put("logging.level.root", "INFO");
          properties.put("logging.level.io.palisade", "INFO");
          properties.put("logging.level.org.apache.kafka", "INFO");
        }
        case "--data-dir" -> dataDir = Path.of(required(name, value));
        case "--kafka-port" -> kafkaPort = port(name, value);
        case "--webhook-url" -> webhookUrl = URI.create(required(name, value));
        case "--inbox-port" -> inboxPort = port(name, value);
        case "--cluster" -> cluster = required(name, value);
        case "--demo-timeout" -> demoTimeout = Duration.ofSeconds(number(name, value));
        default -> {
          String property = name.startsWith("--") ? name.substring(2) : "";
          if (value == null
              || !property.matches("(palisade|spring|server|management|logging)\\..+")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          properties.put(property, value);
        }
      }
    }
    if (randomPorts) {
      kafkaPort = 0;
      inboxPort = 0;
    }
    if (cluster == null) {
      cluster = demo ? "demo" : "default";
    }
    if (!demo && dataDir == null) {
      dataDir = Path.of("palisade-data");
    }
    return new AllInOneOptions(
        demo,
        dataDir,
        kafkaPort,
        randomPorts,
        webhookUrl,
        inboxPort,
        cluster,
        demoTimeout,
        properties);
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " needs a value: " + name + "=…");
    }
    return value;
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(required(name, value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, not " + value);
    }
  }

  private static int port(String name, String value) {
    int port = number(name, value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be a port from 0 to 65535, not " + port);
    }
    return port;
  }
}
