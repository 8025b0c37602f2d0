package io.palisade.allinone;

import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Palisade in one JVM: a real single-node Kafka broker (KRaft, 127.0.0.1 only) and all five
 * services. {@code --demo} replays a built-in attack through the HTTP intakes, prints the incident
 * the pipeline made of it and exits; without it, Palisade keeps running for a real cluster and
 * Falco to be pointed at.
 */
public final class AllInOne {

  private static final Logger log = LoggerFactory.getLogger(AllInOne.class);

  private final AllInOneOptions options;
  private final PrintStream out;

  AllInOne(AllInOneOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    // a command-line tool: usage, progress and the demo's report are for the terminal, not the log
    PrintStream terminal = System.out;
    PrintStream errors = System.err;
    if (java.util.Arrays.asList(args).contains("--help")) {
      terminal.print(AllInOneOptions.USAGE);
      return;
    }
    AllInOneOptions options;
    try {
      options = AllInOneOptions.parse(args);
    } catch (IllegalArgumentException e) {
      errors.println(e.getMessage());
      errors.print(AllInOneOptions.USAGE);
      System.exit(2);
      return;
    }
    AllInOne allInOne = new AllInOne(options, terminal);
    System.exit(options.demo() ? allInOne.runDemo() : allInOne.runUntilStopped());
  }

  /** Replays the attack and prints the incident: 0 when it arrived, 1 otherwise. */
  int runDemo() {
    Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    CompletableFuture<JsonNode> complete = new CompletableFuture<>();
    try (EmbeddedKafkaBroker broker = startBroker();
        IncidentInbox inbox =
            IncidentInbox.start(
                options.inboxPort(),
                incident -> {
                  latest.put(incident.path("id").asString(), incident);
                  if (DemoExpectation.isComplete(incident)) {
                    complete.complete(incident);
                  }
                });
        RunningPalisade palisade = RunningPalisade.start(launchSettings(broker, inbox))) {
      out.println(
          "Palisade is running (Kafka on "
              + broker.bootstrapServers()
              + "). Replaying the demo attack:");
      new DemoAttack(Clock.systemUTC()).replay(palisade, step -> out.println("  " + step));
      out.println("Waiting for the correlated incident...");
      JsonNode incident = complete.get(options.demoTimeout().toSeconds(), TimeUnit.SECONDS);
      out.println();
      out.print(IncidentReport.render(incident));
      out.println();
      out.println("The demo attack became one incident. Palisade stops now.");
      return 0;
    } catch (TimeoutException e) {
      out.println(
          "No complete incident within "
              + options.demoTimeout()
              + ". Received: "
              + latest.keySet());
      latest.values().forEach(incident -> out.print(IncidentReport.render(incident)));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException | IOException | RuntimeException e) {
      log.error("the demo failed", e);
      out.println("The demo failed: " + e);
      return 1;
    }
  }

  /** Runs until the JVM is asked to stop (Ctrl-C, SIGTERM). */
  int runUntilStopped() {
    CountDownLatch stopped = new CountDownLatch(1);
    try (EmbeddedKafkaBroker broker = startBroker();
        IncidentInbox inbox =
            IncidentInbox.start(
                options.inboxPort(),
                incident -> log.info("incident\n{}", IncidentReport.render(incident)));
        RunningPalisade palisade = RunningPalisade.start(launchSettings(broker, inbox))) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "palisade-stop"));
      out.println(banner(broker, inbox, palisade));
      stopped.await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (IOException | RuntimeException e) {
      log.error("Palisade could not start", e);
      return 1;
    }
  }

  private EmbeddedKafkaBroker startBroker() {
    EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(options.kafkaPort());
    if (options.dataDir() != null) {
      builder.dataDir(options.dataDir().resolve("kafka"));
    }
    EmbeddedKafkaBroker broker = builder.start();
    try {
      TopicProvisioner.ensureTopics(broker.bootstrapServers(), topics(), 1, (short) 1);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private PalisadeTopics topics() {
    return PalisadeTopics.withDefaultNames();
  }

  private LaunchSettings launchSettings(EmbeddedKafkaBroker broker, IncidentInbox inbox) {
    Path stateDir = options.dataDir() != null ? options.dataDir().resolve("streams") : tempDir();
    return new LaunchSettings(
        broker.bootstrapServers(),
        options.randomPorts(),
        options.cluster(),
        options.webhookUrl() != null ? options.webhookUrl() : inbox.uri(),
        stateDir.toAbsolutePath(),
        options.serviceProperties());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("palisade-streams-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String banner(EmbeddedKafkaBroker broker, IncidentInbox inbox, RunningPalisade palisade) {
    StringBuilder text = new StringBuilder("\nPalisade all-in-one is running.\n");
    text.append(String.format("  %-20s %s%n", "kafka", broker.bootstrapServers()));
    for (PalisadeService service : PalisadeService.values()) {
      text.append(String.format("  %-20s %s%n", service.serviceName(), palisade.baseUri(service)));
    }
    text.append(
        String.format(
            "  %-20s %s%n",
            "incidents to",
            options.webhookUrl() != null ? options.webhookUrl() : inbox.uri() + " (printed here)"));
    text.append("Stop with Ctrl-C.");
    return text.toString();
  }
}
