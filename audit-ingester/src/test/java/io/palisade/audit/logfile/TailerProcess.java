package io.palisade.audit.logfile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tailer in a JVM of its own, for {@link LogFileKillNineIT} to kill: {@code TailerProcess
 * <bootstrap servers> <audit topic> <log file> <checkpoint file> <max batch>}. It runs until it is
 * killed.
 */
public final class TailerProcess {

  private TailerProcess() {}

  public static void main(String[] args) {
    String bootstrap = args[0];
    String topicName = args[1];
    Path logFile = Path.of(args[2]);
    Path checkpoint = Path.of(args[3]);
    int maxBatch = Integer.parseInt(args[4]);
    PalisadeTopics topics =
        new PalisadeTopics(new TopicNames(topicName, null, null, null, null, null, null, null));
    JsonMapper json = JsonMapper.builder().build();
    EvidencePublisher publisher =
        EvidencePublisher.connect(
            bootstrap, "tailer-process", Duration.ofSeconds(30), Map.of()); // see LogFileTailerIT
    LogFileTailer tailer =
        new LogFileTailer(
            new LogFileTailer.Settings(
                logFile,
                Duration.ofMillis(10),
                maxBatch,
                Duration.ofMillis(10),
                1024 * 1024,
                Duration.ofSeconds(1)),
            new CheckpointStore(checkpoint, json),
            new AuditLineParser(
                json,
                new AuditEventNormalizer(new AuditRedactor(), json),
                io.palisade.audit.filter.NoiseFilter.none(),
                "kill-nine",
                topics.audit().eventType()),
            BatchPublisher.to(publisher, topics.audit()),
            RejectedLineSink.NONE,
            new LogFileMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC(),
            new WakeableSleeper());
    System.out.println("tailer process started"); // NOPMD: the test reads this from the log
    tailer.run();
  }
}
