package io.palisade.audit.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill -9: the tailer runs in a JVM of its own ({@link TailerProcess}) while lines are
 * appended, is killed with SIGKILL mid-stream, the file rotates while it is dead, and a new process
 * resumes from the checkpoint. Every line must be on the topic; the only duplicates allowed are the
 * batch that was in flight (at most one batch of lines).
 */
@ExtendWith(KafkaBrokerExtension.class)
class LogFileKillNineIT {

  private static final int MAX_BATCH = 20;
  private static final int LINES_PER_TICK = 3;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final PalisadeTopics topics = UniqueTopics.named("logfile-kill-nine-it");
  private final List<Process> processes = new ArrayList<>();
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void cleanUp() throws InterruptedException {
    writer.shutdownNow();
    writer.awaitTermination(5, TimeUnit.SECONDS);
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aKilledTailerResumesWithoutLossAndResendsAtMostTheBatchInFlight() throws Exception {
    KafkaBrokerExtension.createTopics(topics, 1);
    AuditLog log = new AuditLog(dir.resolve("audit.log"));
    Path checkpoint = dir.resolve("state").resolve("checkpoint.json");
    AtomicInteger written = new AtomicInteger();
    AtomicBoolean rotateNow = new AtomicBoolean();
    AtomicInteger rotations = new AtomicInteger();
    writer.scheduleAtFixedRate(
        () -> {
          if (rotateNow.getAndSet(false)) {
            log.rotate("audit-2026-03-01T12-00-0" + rotations.incrementAndGet() + ".000.log");
          }
          int from = written.get() + 1;
          log.appendEvents(from, from + LINES_PER_TICK - 1);
          written.addAndGet(LINES_PER_TICK);
        },
        0,
        5,
        TimeUnit.MILLISECONDS);

    try (TopicReader<String, AuditEvent> reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.audit())) {
      Process first = startTailer(log.path(), checkpoint, "first");
      reader.awaitRecords(records -> records.size() >= 150, WAIT);
      rotateNow.set(true); // a rotation while the first process tails
      Awaitility.await().atMost(WAIT).until(() -> rotations.get() == 1);
      int rotatedAt = written.get();
      reader.awaitRecords( // the first process got well into the new file
          records ->
              records.stream()
                  .anyMatch(r -> AuditLog.numberOf(r.value().getId()) > rotatedAt + 100),
          WAIT);

      int writtenAtKill = written.get();
      first.destroyForcibly(); // SIGKILL while lines are being appended
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isEqualTo(137); // 128 + SIGKILL: no shutdown code ran

      rotateNow.set(true); // and one while nothing tails
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> rotations.get() == 2 && written.get() > writtenAtKill + 200);
      startTailer(log.path(), checkpoint, "second");
      Awaitility.await().atMost(WAIT).until(() -> written.get() > writtenAtKill + 600);
      writer.shutdown(); // let a tick in progress finish, so that the count is final
      assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      int total = written.get();

      List<String> expected = IntStream.rangeClosed(1, total).mapToObj(AuditLog::idOf).toList();
      List<ConsumerRecord<String, AuditEvent>> records =
          reader.awaitRecords(
              read -> read.stream().map(r -> r.value().getId()).distinct().count() >= total, WAIT);

      Map<String, Integer> copies = new HashMap<>();
      records.forEach(r -> copies.merge(r.value().getId(), 1, Integer::sum));
      assertThat(copies.keySet()).as("no line lost").containsExactlyInAnyOrderElementsOf(expected);
      int duplicates = records.size() - copies.size();
      System.out.printf(
          "kill -9 test: %d lines written, %d records read, %d duplicates%n",
          total, records.size(), duplicates);
      assertThat(duplicates)
          .as("duplicates beyond the batch in flight")
          .isLessThanOrEqualTo(MAX_BATCH);
      assertThat(copies.values()).allMatch(count -> count <= 2);
      assertThat(Files.readString(dir.resolve("first-tailer.out")))
          .contains("was rotated: finishing");
      assertThat(Files.readString(dir.resolve("second-tailer.out")))
          .as("the second process found the file rotated while no tailer ran by its inode")
          .contains("resuming the rotated file");
    }
  }

  private Process startTailer(Path logFile, Path checkpoint, String name) throws IOException {
    Path logback = dir.resolve("logback.xml");
    if (!Files.exists(logback)) {
      Files.writeString(
          logback,
          """
          <configuration>
            <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%d %-5level %logger{20} - %msg%n</pattern></encoder>
            </appender>
            <logger name="io.palisade" level="INFO"/>
            <root level="WARN"><appender-ref ref="out"/></root>
          </configuration>
          """);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dlogback.configurationFile=" + logback);
    String trusted = System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES");
    if (trusted != null) {
      command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + trusted);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TailerProcess.class.getName());
    command.add(KafkaBrokerExtension.bootstrapServers());
    command.add(topics.audit().name());
    command.add(logFile.toString());
    command.add(checkpoint.toString());
    command.add(Integer.toString(MAX_BATCH));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + "-tailer.out").toFile())
            .start();
    processes.add(process);
    return process;
  }
}
