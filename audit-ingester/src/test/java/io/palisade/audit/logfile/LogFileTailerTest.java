package io.palisade.audit.logfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.audit.logfile.TailerStatus.State;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class LogFileTailerTest {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration MAX_WAIT = Duration.ofMillis(200);
  private static final int MAX_LINE = 64 * 1024;

  @TempDir Path dir;

  private final JsonMapper json = JsonMapper.builder().build();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final RecordingPublisher kafka = new RecordingPublisher();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<RejectedLine> rejected = new CopyOnWriteArrayList<>();
  private AuditLog log;
  private Path checkpointPath;

  @BeforeEach
  void files() {
    log = new AuditLog(dir.resolve("audit.log"));
    checkpointPath = dir.resolve("state").resolve("checkpoint.json");
  }

  @Test
  void publishesEveryLineOnceInOrderInBatchesAndCheckpointsWhatWasAcknowledged()
      throws IOException {
    log.appendEvents(1, 12);
    LogFileTailer tailer = tailer(5);

    settle(tailer);

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 12));
    assertThat(kafka.batches()).extracting(List::size).containsExactly(5, 5, 2);
    Checkpoint checkpoint = checkpoint();
    assertThat(checkpoint.offset()).isEqualTo(log.size());
    assertThat(checkpoint.file()).isEqualTo(FileIdentity.stat(log.path()).orElseThrow().identity());
    assertThat(checkpoint.head().length()).isEqualTo(FileHead.MAX_LENGTH);
    assertThat(counter("palisade.audit.logfile.lines.read")).isEqualTo(12);
    assertThat(counter("palisade.audit.logfile.events.published")).isEqualTo(12);
    assertThat(registry.get("palisade.audit.logfile.checkpoint.offset").gauge().value())
        .isEqualTo(log.size());
    assertThat(tailer.status().state()).isEqualTo(State.TAILING);
    assertThat(tailer.status().lagBytes()).isZero();
  }

  @Test
  void publishesARealApiServerAuditLogAsLogfileRecordsOfTheConfiguredCluster() throws IOException {
    Files.write(log.path(), Fixtures.bytes("logfile/audit2rbac-demo/audit-log.jsonl"));
    LogFileTailer tailer = tailer(500);

    settle(tailer);

    List<AuditEvent> events = kafka.events();
    assertThat(events).hasSize(37);
    AuditEvent first = events.get(0);
    assertThat(first.getId()).isEqualTo("033d17af-082d-4b24-aa22-627752e83d71/ResponseComplete");
    assertThat(first.getCluster()).isEqualTo("prod-eu");
    assertThat(first.getIntakeFormat()).isEqualTo("logfile");
    assertThat(first.getUser().getUsername()).isEqualTo("system:admin");
    assertThat(first.getImpersonatedUser().getUsername()).isEqualTo("bob");
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2017-09-11T19:55:05Z"));
    assertThat(first.getResponseCode()).isEqualTo(403);
    assertThat(kafka.batches().get(0).get(0).key()).isEqualTo("prod-eu/default/pods");
    assertThat(kafka.batches().get(0).get(0).event().id()).isEqualTo(first.getId());
    assertThat(events).allMatch(event -> "logfile".equals(event.getIntakeFormat()));
    assertThat(checkpoint().offset()).isEqualTo(log.size());
  }

  @Test
  void redactsSecretsBeforeTheyArePublished() throws IOException {
    String secretEvent =
        json.readTree(Fixtures.text("redaction/create-secret-request-response/input.json"))
            .toString();
    log.append(secretEvent + "\n");
    LogFileTailer tailer = tailer(10);

    settle(tailer);

    AuditEvent event = kafka.events().get(0);
    assertThat(event.getRequestObjectJson()).contains("<redacted>");
    assertThat(event.toString())
        .doesNotContain("PALISADE-CANARY-7f3a9c")
        .doesNotContain("UEFMSVNBREUtQ0FOQVJZLTdmM2E5Yw==");
  }

  @Test
  void holdsBackAPartialLineUntilItsNewlineArrives() throws IOException {
    String second = AuditLog.event(2);
    log.appendEvents(1, 1).append(second.substring(0, 100));
    long endOfFirst = AuditLog.event(1).length() + 1;
    LogFileTailer tailer = tailer(10);

    settle(tailer);

    assertThat(kafka.ids()).containsExactly(AuditLog.idOf(1));
    assertThat(checkpoint().offset()).isEqualTo(endOfFirst);
    assertThat(counter("palisade.audit.logfile.lines.malformed")).isZero();

    log.append(second.substring(100) + "\n");
    settle(tailer);

    assertThat(kafka.ids()).containsExactly(AuditLog.idOf(1), AuditLog.idOf(2));
    assertThat(checkpoint().offset()).isEqualTo(log.size());
  }

  @Test
  void waitsAtMostMaxWaitForABatchToFill() throws IOException {
    log.appendEvents(1, 2);
    LogFileTailer tailer = tailer(5);

    Duration pause = tailer.step();

    assertThat(kafka.batches()).isEmpty();
    assertThat(pause).isPositive().isLessThanOrEqualTo(MAX_WAIT);
    log.appendEvents(3, 3);
    clock.advance(pause);
    tailer.step();

    assertThat(kafka.batches()).hasSize(1);
    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 3));
  }

  @Test
  void followsARenameRotationInTheMiddleOfWritingAndFinishesTheOldFileFirst() throws IOException {
    log.appendEvents(1, 3);
    LogFileTailer tailer = tailer(4);
    settle(tailer);
    FileIdentity before = checkpoint().file();

    log.appendEvents(4, 5); // written just before the rotation, not read yet
    Path rotated = log.rotate("audit-2026-03-01T12-00-00.000.log");
    log.appendEvents(6, 9);
    settle(tailer);

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 9));
    assertThat(FileIdentity.stat(rotated).orElseThrow().identity()).isEqualTo(before);
    Checkpoint checkpoint = checkpoint();
    assertThat(checkpoint.file()).isEqualTo(FileIdentity.stat(log.path()).orElseThrow().identity());
    assertThat(checkpoint.offset()).isEqualTo(log.size());
    assertThat(rotations("rename")).isEqualTo(1);
  }

  @Test
  void publishesTheLastLineOfARotatedFileEvenWithoutItsNewline() throws IOException {
    log.appendEvents(1, 1);
    LogFileTailer tailer = tailer(10);
    settle(tailer);

    log.append(AuditLog.event(2)); // no newline: the writer was cut off at rotation
    log.rotate("audit.log.1");
    log.appendEvents(3, 3);
    settle(tailer);

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 3));
  }

  @Test
  void aNewInstanceResumesExactlyAtTheCheckpoint() throws IOException {
    log.appendEvents(1, 7);
    settle(tailer(3));
    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 7));

    log.appendEvents(8, 10);
    settle(tailer(3));

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 10));
  }

  @Test
  void afterARestartFindsTheRotatedFileByItsInodeAndReadsEveryLaterRotationInOrder()
      throws IOException {
    Path old = dir.resolve("audit-2026-02-01T00-00-00.000.log");
    Files.writeString(old, AuditLog.event(900) + "\n");
    AuditLog.setModified(old, Instant.parse("2026-02-01T00:00:00Z"));
    log.appendEvents(1, 3);
    settle(tailer(10));

    // while the tailer is down: two rotations
    log.appendEvents(4, 5);
    Path first = log.rotate("audit-2026-03-01T12-00-01.000.log");
    log.appendEvents(6, 7);
    Path second = log.rotate("audit-2026-03-01T12-00-02.000.log");
    log.appendEvents(8, 9);
    AuditLog.setModified(first, Instant.now().minusSeconds(20));
    AuditLog.setModified(second, Instant.now().minusSeconds(10));
    settle(tailer(10));

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 9)).doesNotContain(AuditLog.idOf(900));
    assertThat(checkpoint().file())
        .isEqualTo(FileIdentity.stat(log.path()).orElseThrow().identity());
  }

  @Test
  void aCrashAfterKafkaAcknowledgedButBeforeTheCheckpointResendsOnlyThatBatch() throws IOException {
    log.appendEvents(1, 12);
    kafka.crashAfterBatch(2);
    LogFileTailer crashing = tailer(5);
    assertThatThrownBy(() -> settle(crashing))
        .isInstanceOf(RecordingPublisher.SimulatedCrash.class);
    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 10));
    assertThat(checkpoint().offset()).isEqualTo(offsetAfter(5));

    settle(tailer(5));

    List<String> published = kafka.ids();
    assertThat(Set.copyOf(published)).containsExactlyInAnyOrderElementsOf(ids(1, 12));
    assertThat(duplicates(published)).containsExactlyInAnyOrderElementsOf(ids(6, 10));
    assertThat(checkpoint().offset()).isEqualTo(log.size());
  }

  @Test
  void retriesTheSameBatchWithGrowingBackoffWhileKafkaIsDownAndNeverMovesTheCheckpoint()
      throws IOException {
    log.appendEvents(1, 3);
    LogFileTailer tailer = tailer(3);
    kafka.failNext(4);

    List<Duration> pauses = new ArrayList<>();
    pauses.add(tailer.step());
    Checkpoint start = checkpoint();
    assertThat(start.offset()).isZero();
    for (int i = 0; i < 3; i++) {
      log.appendEvents(10 + i, 10 + i); // more lines arrive meanwhile; they wait
      assertThat(checkpoint()).isEqualTo(start);
      assertThat(tailer.status().state()).isEqualTo(State.RETRYING);
      clock.advance(pauses.get(pauses.size() - 1));
      pauses.add(tailer.step());
    }

    assertThat(pauses)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800));
    assertThat(kafka.attempts()).hasSize(4).allMatch(attempt -> attempt.equals(ids(1, 3)));
    assertThat(tailer.status().lastError()).contains("Kafka did not acknowledge 3 event(s)");
    assertThat(counter("palisade.audit.logfile.publish.failures")).isEqualTo(4);

    settle(tailer);

    assertThat(kafka.ids())
        .containsExactlyElementsOf(
            List.of(
                AuditLog.idOf(1),
                AuditLog.idOf(2),
                AuditLog.idOf(3),
                AuditLog.idOf(10),
                AuditLog.idOf(11),
                AuditLog.idOf(12)));
    assertThat(checkpoint().offset()).isEqualTo(log.size());
    assertThat(tailer.status().state()).isEqualTo(State.TAILING);
  }

  @Test
  void backoffStopsGrowingAtTheMaximum() throws IOException {
    log.appendEvents(1, 1);
    LogFileTailer tailer = tailer(1);
    kafka.failNext(10);

    Duration pause = Duration.ZERO;
    for (int i = 0; i < 8; i++) {
      clock.advance(pause);
      pause = tailer.step();
    }

    assertThat(pause).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void skipsMalformedLinesCountsThemAndReportsWhereTheyAre() throws IOException {
    log.appendEvents(1, 1);
    long notJson = log.size();
    log.append("this is not JSON\n");
    long noAuditId = log.size();
    log.append(
        "{\"kind\":\"Event\",\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"user\":{}}\n");
    long wrongKind = log.size();
    log.append("{\"kind\":\"Pod\"}\n");
    log.append("\n"); // blank lines are not errors
    log.appendEvents(2, 2);
    LogFileTailer tailer = tailer(10);

    settle(tailer);

    assertThat(kafka.ids()).containsExactly(AuditLog.idOf(1), AuditLog.idOf(2));
    assertThat(rejected)
        .extracting(RejectedLine::offset, RejectedLine::reason)
        .containsExactly(
            tuple(notJson, "malformed-json"),
            tuple(noAuditId, "missing-field"),
            tuple(wrongKind, "unsupported-kind"));
    assertThat(rejected.get(0).file()).isEqualTo(log.path().toAbsolutePath());
    assertThat(new String(rejected.get(0).bytes(), UTF_8)).isEqualTo("this is not JSON");
    assertThat(rejected.get(1).message()).contains("auditID");
    assertThat(malformed("malformed-json")).isEqualTo(1);
    assertThat(malformed("missing-field")).isEqualTo(1);
    assertThat(malformed("unsupported-kind")).isEqualTo(1);
    assertThat(checkpoint().offset()).isEqualTo(log.size());
  }

  @Test
  void skipsALineLongerThanTheLimitAndGoesOn() throws IOException {
    log.append("{\"padding\":\"" + "x".repeat(MAX_LINE * 2) + "\"}\n");
    log.appendEvents(1, 1);
    LogFileTailer tailer = tailer(10);

    settle(tailer);

    assertThat(kafka.ids()).containsExactly(AuditLog.idOf(1));
    assertThat(rejected).extracting(RejectedLine::reason).containsExactly("line-too-large");
    assertThat(rejected.get(0).offset()).isZero();
    assertThat(rejected.get(0).bytes()).isEmpty();
  }

  @Test
  void readsOnFromTheCopyWhenTheFileIsCopiedAndTruncated() throws IOException {
    log.appendEvents(1, 3);
    LogFileTailer tailer = tailer(10);
    settle(tailer);

    log.appendEvents(4, 5); // not read yet when logrotate copies and truncates
    log.copyTruncate("audit.log.1");
    log.appendEvents(6, 6);
    settle(tailer);

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 6));
    assertThat(rotations("truncate")).isEqualTo(1);
    assertThat(checkpoint().offset()).isEqualTo(log.size());
  }

  @Test
  void startsTheFileOverWhenItWasTruncatedWithoutACopy() throws IOException {
    log.appendEvents(1, 3);
    LogFileTailer tailer = tailer(10);
    settle(tailer);

    Files.write(log.path(), new byte[0]);
    log.appendEvents(4, 4);
    settle(tailer);

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 4));
    assertThat(checkpoint().offset()).isEqualTo(log.size());
  }

  @Test
  void doesNotTrustTheOffsetWhenTheCheckpointedInodeHoldsOtherContent() throws IOException {
    log.appendEvents(1, 4);
    FileIdentity identity = FileIdentity.stat(log.path()).orElseThrow().identity();
    new CheckpointStore(checkpointPath, json)
        .save(
            new Checkpoint(
                log.path(),
                identity,
                AuditLog.event(1).length() + 1,
                new FileHead(10, "0".repeat(64)), // another file's head: the inode was reused
                FileTime.from(clock.instant())));

    settle(tailer(10));

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 4));
    assertThat(counter("palisade.audit.logfile.files.missed")).isEqualTo(1);
  }

  @Test
  void waitsForTheLogFileToAppear() throws IOException {
    LogFileTailer tailer = tailer(10);

    assertThat(tailer.step()).isEqualTo(POLL);
    assertThat(tailer.status().state()).isEqualTo(State.WAITING_FOR_FILE);

    log.appendEvents(1, 2);
    settle(tailer);

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 2));
  }

  @Test
  void reportsAnUnreadableCheckpointAndRetriesUntilItIsFixed() throws IOException {
    log.appendEvents(1, 1);
    Files.createDirectories(checkpointPath.getParent());
    Files.writeString(checkpointPath, "{ not a checkpoint");
    List<LogFileTailer> holder = new ArrayList<>();
    List<TailerStatus> seen = new ArrayList<>();
    Sleeper operatorDeletesItAfterThreeAttempts =
        duration -> {
          clock.advance(duration);
          seen.add(holder.get(0).status());
          if (seen.size() == 3) {
            try {
              Files.delete(checkpointPath);
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }
          if (!kafka.ids().isEmpty()) {
            holder.get(0).stop();
          }
        };
    LogFileTailer tailer = tailer(10, operatorDeletesItAfterThreeAttempts);
    holder.add(tailer);

    tailer.run();

    assertThat(seen.subList(0, 3))
        .allSatisfy(
            status -> {
              assertThat(status.state()).isEqualTo(State.RETRYING);
              assertThat(status.healthy()).isFalse();
              assertThat(status.lastError()).contains(checkpointPath.toString());
            });
    assertThat(kafka.ids()).containsExactly(AuditLog.idOf(1));
    assertThat(tailer.status().state()).isEqualTo(State.STOPPED);
  }

  @Test
  void runReturnsOnStopWithEverythingAcknowledgedCheckpointed() throws IOException {
    log.appendEvents(1, 20);
    List<LogFileTailer> holder = new ArrayList<>();
    Sleeper stopOnceAllArePublished =
        duration -> {
          clock.advance(duration);
          if (kafka.ids().size() == 20) {
            holder.get(0).stop();
          }
        };
    LogFileTailer tailer = tailer(7, stopOnceAllArePublished);
    holder.add(tailer);

    tailer.run();

    assertThat(kafka.ids()).containsExactlyElementsOf(ids(1, 20));
    assertThat(checkpoint().offset()).isEqualTo(log.size());
    assertThat(tailer.status().state()).isEqualTo(State.STOPPED);
  }

  // ---- helpers ----

  private LogFileTailer tailer(int maxBatch) {
    return tailer(maxBatch, clock::advance);
  }

  private LogFileTailer tailer(int maxBatch, Sleeper sleeper) {
    AuditLineParser parser =
        new AuditLineParser(
            json,
            new AuditEventNormalizer(new AuditRedactor(), json),
            io.palisade.audit.filter.NoiseFilter.none(),
            "prod-eu",
            PalisadeTopics.withDefaultNames().audit().eventType());
    return new LogFileTailer(
        new LogFileTailer.Settings(
            log.path(), POLL, maxBatch, MAX_WAIT, MAX_LINE, Duration.ofSeconds(2)),
        new CheckpointStore(checkpointPath, json),
        parser,
        kafka,
        rejected::add,
        new LogFileMetrics(registry),
        clock,
        sleeper);
  }

  /**
   * Steps the tailer, moving the clock by each pause, until it has polled the end of the active
   * file three times in a row with nothing to do.
   */
  private void settle(LogFileTailer tailer) throws IOException {
    int idle = 0;
    for (int i = 0; i < 10_000; i++) {
      Duration pause = tailer.step();
      idle = pause.equals(POLL) ? idle + 1 : 0;
      if (idle == 3) {
        return;
      }
      clock.advance(pause);
    }
    fail("the tailer never settled; status " + tailer.status());
  }

  private Checkpoint checkpoint() throws IOException {
    return new CheckpointStore(checkpointPath, json).load().orElseThrow();
  }

  private static long offsetAfter(int events) {
    long offset = 0;
    for (int n = 1; n <= events; n++) {
      offset += AuditLog.event(n).length() + 1;
    }
    return offset;
  }

  private static List<String> ids(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(AuditLog::idOf).toList();
  }

  private static List<String> duplicates(List<String> ids) {
    Set<String> seen = new HashSet<>();
    return ids.stream().filter(id -> !seen.add(id)).toList();
  }

  private double counter(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private double rotations(String kind) {
    return registry.get("palisade.audit.logfile.rotations").tag("kind", kind).counter().count();
  }

  private double malformed(String reason) {
    return registry
        .get("palisade.audit.logfile.lines.malformed")
        .tag("reason", reason)
        .counter()
        .count();
  }
}
