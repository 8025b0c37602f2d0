package io.palisade.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The intakes' in-process cost per event as <em>thread CPU time</em>: the operations of {@link
 * AuditIntakeBenchmark#accept} (a 400-event {@code EventList} through the whole {@code AuditIntake}
 * into a {@code MockProducer}) and {@link FalcoIntakeBenchmark#parseNormalizeEncode} (one Falco
 * alert to its Kafka record), run in this thread after a warm-up. Unlike JMH's wall-clock scores,
 * CPU time hardly moves when other processes share the machine, so before/after comparisons on a
 * busy machine stay meaningful. Prints the median and range of 12 rounds:
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.jmh.IntakeCpuTime [audit|falco] [warm-up seconds]
 * </pre>
 */
public final class IntakeCpuTime {

  private static final int ROUNDS = 12;

  private IntakeCpuTime() {}

  public static void main(String[] args) {
    String which = args.length > 0 ? args[0] : "audit";
    Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
    IntSupplier operation;
    int operationsPerRound;
    int eventsPerOperation;
    switch (which) {
      case "audit" -> {
        AuditIntakeBenchmark audit = new AuditIntakeBenchmark();
        audit.batchSize = 400;
        audit.setUp();
        operation = audit::accept;
        operationsPerRound = 200;
        eventsPerOperation = audit.batchSize;
      }
      case "falco" -> {
        FalcoIntakeBenchmark falco = new FalcoIntakeBenchmark();
        falco.setUp();
        operation = () -> falco.parseNormalizeEncode().value().length;
        operationsPerRound = 40_000;
        eventsPerOperation = 1;
      }
      default -> throw new IllegalArgumentException("audit or falco, not " + which);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long warmUpEnd = System.nanoTime() + warmUp.toNanos();
    while (System.nanoTime() < warmUpEnd) {
      sink += operation.getAsInt();
    }
    double[] microsPerEvent = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < operationsPerRound; i++) {
        sink += operation.getAsInt();
      }
      long cpu = threads.getCurrentThreadCpuTime() - start;
      microsPerEvent[round] = cpu / 1_000.0 / operationsPerRound / eventsPerOperation;
    }
    Arrays.sort(microsPerEvent);
    // a command-line tool: this line is its output
    System.out.printf(
        Locale.ROOT,
        "%s: %.2f µs of CPU per event (median of %d rounds; %.2f to %.2f; checksum %d)%n",
        which,
        microsPerEvent[ROUNDS / 2],
        ROUNDS,
        microsPerEvent[0],
        microsPerEvent[ROUNDS - 1],
        sink % 1_000); // printing what the operations returned keeps the JIT from dropping them
  }
}
