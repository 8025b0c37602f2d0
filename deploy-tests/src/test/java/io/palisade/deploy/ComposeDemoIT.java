package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.SignalSummary;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

/**
 * {@code docker compose --profile demo up} without Docker: docker-compose.yml's own definitions run
 * as local processes on 127.0.0.1 (see {@link LocalCompose} for the only things changed). Kafka is
 * the test's broker; {@code topic-init}'s {@code create} lines create the topics; every Palisade
 * service runs the {@code *-exec.jar} its image copies, with the image's and the service's
 * environment, until its compose health check passes; then {@code demo-inbox} and {@code
 * demo-replay} run their scripts as the demo profile does. The replayed attack must end as an
 * incident on Kafka with audit, admission and runtime evidence, delivered to the inbox.
 *
 * <p>What this cannot show: that the images build and start (base image, user, read-only root
 * filesystem, capabilities), container networking, and the {@code apache/kafka} image's own
 * configuration and health check. Skipped without {@code python3}, {@code sh}, {@code curl} or
 * {@code bash} (the images' health check is a bash script), or before the services are packaged.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ComposeDemoIT {

  private static final List<String> PALISADE_SERVICES =
      PalisadeService.ALL.stream().map(PalisadeService::name).toList();

  /** The signals of replay.sh's steps other than the admission review (whose rules vary). */
  private static final List<String> DEMO_SIGNALS =
      List.of(
          "Binding To cluster-admin Or Another Privileged Role Created",
          "Exec Or Attach Into A Pod",
          "Falco: Interactive Shell In A Container");

  /** inbox.py's default port, where the notifier's default webhook URL points. */
  private static final int DEMO_INBOX_PORT = 9000;

  /**
   * Five JVMs on a shared two-core machine: a fixed small heap instead of 75 % of a container
   * limit, and C1 only with the serial collector so that starting them costs less CPU. Test-machine
   * settings, not the image's.
   */
  private static final String JVM_OPTIONS = "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  /**
   * The longest wait for a health check when compose's own budget is shorter: compose's budget is
   * reported, not asserted, because a loaded test machine starts JVMs far slower than a host
   * running only Palisade.
   */
  private static final Duration HEALTH_WAIT_FLOOR = Duration.ofMinutes(5);

  private static final Path WORK_DIR = Path.of("target", "compose-demo").toAbsolutePath();
  private static final Map<String, ChildProcess> PROCESSES = new LinkedHashMap<>();

  private static JsonNode compose;
  private static LocalCompose local;
  private static TopicInitScript topicInit;

  @RegisterExtension
  static final TestWatcher LOGS_ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          System.err.println(logTails());
        }
      };

  @BeforeAll
  static void composeUp() throws IOException {
    for (String tool : List.of("python3", "sh", "curl", "bash")) {
      assumeTrue(onPath(tool), tool + " is not installed: the demo profile's pieces need it");
    }
    String version = System.getProperty("palisade.version", "");
    assumeTrue(!version.isEmpty(), "run through Maven (failsafe sets palisade.version)");
    ContainerImage image = ContainerImage.of(Repository.path("deploy/images/Dockerfile"));
    for (String service : PALISADE_SERVICES) {
      Path jar = image.repositoryFileAt("/app/app.jar", service, version);
      assumeTrue(
          Files.isRegularFile(jar), jar + " is not built: run ./mvnw package (or verify) first");
    }
    deleteRecursively(WORK_DIR);
    Files.createDirectories(WORK_DIR);

    compose = Yaml.single(Repository.path("docker-compose.yml"));
    local =
        new LocalCompose(
            compose,
            image,
            version,
            WORK_DIR,
            KafkaBrokerExtension.bootstrapServers(),
            JVM_OPTIONS);
    for (String service : PALISADE_SERVICES) {
      local.publish(service, local.containerPort(service));
    }
    local.publish("demo-inbox", DEMO_INBOX_PORT);

    // topic-init, which every Palisade service depends on (service_completed_successfully)
    topicInit =
        TopicInitScript.parse(
            LocalCompose.interpolate(
                compose.path("services").path("topic-init").path("command").path(0).stringValue()));
    topicInit.run(KafkaBrokerExtension.bootstrapServers());

    // every service at once, as compose starts them once their dependencies are done
    for (String service : PALISADE_SERVICES) {
      start(service, local.palisadeService(service));
    }
    start(
        "demo-inbox",
        local.demoService(
            "demo-inbox",
            Map.of(
                "PORT",
                String.valueOf(local.hostPort("demo-inbox")),
                "LISTEN_ADDRESS",
                LocalCompose.LOOPBACK)));

    // demo-replay starts once every service it depends on is healthy
    List<String> dependencies = new ArrayList<>();
    for (Map.Entry<String, JsonNode> dependency :
        compose.path("services").path("demo-replay").path("depends_on").properties()) {
      assertThat(dependency.getValue().path("condition").stringValue(""))
          .isEqualTo("service_healthy");
      dependencies.add(dependency.getKey());
    }
    assertThat(dependencies).containsAll(PALISADE_SERVICES).contains("demo-inbox");
    awaitHealthy(dependencies);
  }

  @AfterAll
  static void composeDown() {
    PROCESSES.values().forEach(child -> child.process().destroy());
    PROCESSES.values().forEach(child -> child.stop(20));
  }

  @Test
  void topicInitCreatesEveryTopicTheServicesUseWithItsContract() throws Exception {
    try (Admin admin = admin()) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(topicInit.topicNames()).allTopicNames().get();
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  topicInit.topicNames().stream()
                      .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                      .toList())
              .all()
              .get();

      for (TopicInitScript.Creation creation : topicInit.creations()) {
        assertThat(topics.get(creation.name()).partitions())
            .as(creation.name())
            .hasSize(creation.partitions());
      }
      for (Topic<?, ?> topic : PalisadeTopics.withDefaultNames().all()) {
        assertThat(topics).as("topic-init creates " + topic.name()).containsKey(topic.name());
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertThat(config.get(key).value())
                        .as(topic.name() + " " + key)
                        .isEqualTo(value));
      }
    }
  }

  @Test
  void demoProfileReplaysTheAttackIntoAnIncidentAtTheInbox() throws Exception {
    Path tmp = local.hostPath("demo-replay", "/tmp", false);
    ChildProcess replay =
        start(
            "demo-replay",
            local.demoService("demo-replay", Map.of("DEMO_DIR", "/demo", "TMPDIR", "/tmp")));
    assertThat(replay.process().waitFor(2, TimeUnit.MINUTES)).as("replay.sh ends").isTrue();

    assertThat(replay.process().exitValue()).as(replay.output()).isZero();
    assertThat(replay.output().lines().filter(line -> line.endsWith("-> HTTP 200")))
        .as("admission, audit and runtime posts accepted")
        .hasSize(3);
    assertThat(tmp.resolve("admission.json")).exists();

    Incident incident;
    try (TopicReader<String, Incident> reader =
        new TopicReader<>(
            KafkaBrokerExtension.bootstrapServers(),
            PalisadeTopics.withDefaultNames().incidents())) {
      List<ConsumerRecord<String, Incident>> records =
          reader.awaitRecords(
              read -> read.stream().anyMatch(record -> isTheWholeAttack(record.value())),
              Duration.ofMinutes(2));
      incident =
          records.stream()
              .map(ConsumerRecord::value)
              .filter(ComposeDemoIT::isTheWholeAttack)
              .max(Comparator.comparingLong(Incident::getVersion))
              .orElseThrow();
    }
    assertThat(incident.getCluster())
        .isEqualTo(compose.path("x-palisade-env").path("PALISADE_CLUSTER").stringValue());
    assertThat(incident.getSignals()).extracting(SignalSummary::getTitle).containsAll(DEMO_SIGNALS);

    ChildProcess inbox = PROCESSES.get("demo-inbox");
    String delivered = "incident " + incident.getId() + " v";
    Awaitility.await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inbox.output().contains(delivered));

    assertThat(topicsNoOneCreatedOnPurpose())
        .as("topics created on first use, not by topic-init (the compose broker refuses that)")
        .isEmpty();
  }

  /**
   * An incident version with evidence from all three sources and the attack's steps: the binding (a
   * minute before the exec, so it often joins in a later version), the exec and the shell.
   */
  private static boolean isTheWholeAttack(Incident incident) {
    Set<EvidenceSource> sources = EnumSet.noneOf(EvidenceSource.class);
    Set<String> titles = new HashSet<>();
    for (SignalSummary signal : incident.getSignals()) {
      sources.add(signal.getEvidence().getSource());
      titles.add(signal.getTitle());
    }
    return sources.containsAll(
            EnumSet.of(EvidenceSource.AUDIT, EvidenceSource.ADMISSION, EvidenceSource.RUNTIME))
        && titles.containsAll(DEMO_SIGNALS);
  }

  /**
   * Topics on the broker that topic-init did not create and that are neither the broker's nor Kafka
   * Streams' internal ones: the test's broker creates topics on first use, compose's does not
   * ({@code KAFKA_AUTO_CREATE_TOPICS_ENABLE=false}), so any such topic would be missing there.
   */
  private static Set<String> topicsNoOneCreatedOnPurpose() throws Exception {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get().stream()
          .filter(name -> !topicInit.topicNames().contains(name))
          .filter(name -> !name.startsWith("__"))
          .filter(name -> !name.endsWith("-changelog") && !name.endsWith("-repartition"))
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /**
   * Runs the compose health checks of {@code services} every half second until each has passed once
   * (compose's {@code service_healthy}), failing at once if a service's process ends.
   */
  private static void awaitHealthy(List<String> services) {
    Map<String, LocalCompose.Healthcheck> pending = new LinkedHashMap<>();
    for (String service : services) {
      pending.put(service, local.healthcheck(service, PALISADE_SERVICES.contains(service)));
    }
    Duration wait =
        pending.values().stream()
            .map(LocalCompose.Healthcheck::budget)
            .reduce(HEALTH_WAIT_FLOOR, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    try {
      Awaitility.await("compose health checks of " + services)
          .atMost(wait)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                for (var iterator = pending.entrySet().iterator(); iterator.hasNext(); ) {
                  var entry = iterator.next();
                  ChildProcess child = PROCESSES.get(entry.getKey());
                  if (!child.process().isAlive()) {
                    throw new IllegalStateException(
                        entry.getKey() + " stopped before it was healthy\n" + logTails());
                  }
                  if (passes(entry.getValue())) {
                    iterator.remove();
                    Duration took =
                        Duration.between(
                            child.process().info().startInstant().orElseThrow(), Instant.now());
                    System.out.printf(
                        "%s healthy %d s after its start (compose allows %d s: start_period +"
                            + " interval x retries)%n",
                        entry.getKey(), took.toSeconds(), entry.getValue().budget().toSeconds());
                  }
                }
                return pending.isEmpty();
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "not healthy within " + wait + ": " + pending.keySet() + "\n" + logTails(), e);
    }
  }

  private static boolean passes(LocalCompose.Healthcheck healthcheck) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(healthcheck.command().command());
    builder.environment().clear();
    builder.environment().putAll(healthcheck.command().environment());
    builder.directory(healthcheck.command().directory().toFile());
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process check = builder.start();
    try {
      if (!check.waitFor(healthcheck.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        check.destroyForcibly();
        return false;
      }
      return check.exitValue() == 0;
    } catch (InterruptedException e) {
      check.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ChildProcess start(String service, LocalCompose.LocalCommand command) {
    if (PROCESSES.isEmpty()) {
      // also when the test JVM is stopped without running @AfterAll
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> PROCESSES.values().forEach(child -> child.process().destroyForcibly())));
    }
    ChildProcess child = ChildProcess.start(service, command, WORK_DIR.resolve(service + ".log"));
    PROCESSES.put(service, child);
    return child;
  }

  private static String logTails() {
    StringBuilder tails = new StringBuilder("compose services' last log lines:\n");
    PROCESSES.values().forEach(child -> tails.append(child.tail(40)));
    return tails.toString();
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()));
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, tool)));
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
