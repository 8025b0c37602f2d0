package io.palisade.benchmarks.notifier;

import io.palisade.benchmarks.MachineInfo;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Markdown section of a notifier benchmark run, between its own markers in a document. */
final class NotifierLoadReport {

  static final String BEGIN = "<!-- notifier-load:begin -->";
  static final String END = "<!-- notifier-load:end -->";

  /** Other processes above this many cores in a measured phase: the run was taken under load. */
  static final double BUSY_CORES = 0.2;

  private NotifierLoadReport() {}

  static String section(NotifierLoadRun.Results results, String command) {
    MachineInfo machine = results.machine();
    NotifierLoadSettings settings = results.settings();
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append(
        "<!-- Written by `NotifierLoad --write`; a new run replaces everything up to the end"
            + " marker. -->\n\n");
    md.append("### Alert notifier: webhook deliveries (latest run)\n\n");
    md.append("- **Command:** `").append(command).append("`\n");
    md.append("- **Date:** ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .format(results.started().atZone(ZoneOffset.UTC)))
        .append(" (UTC), the whole run took ")
        .append(results.took().toSeconds())
        .append(" s\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- **Machine:** %d processors (`nproc`), %.1f GiB memory, %s; %s; %s; max heap %.1f GiB,"
                + " JVM options %s\n",
            machine.processors(),
            machine.memoryBytes() / (1024.0 * 1024 * 1024),
            machine.cpuModel(),
            machine.os(),
            machine.java(),
            machine.maxHeapBytes() / (1024.0 * 1024 * 1024),
            machine.jvmArguments().isEmpty() ? "none" : "`" + machine.jvmArguments() + "`"));
    double busiest =
        Math.max(
            results.baseline().otherCores(),
            Math.max(results.latency().otherCores(), results.burst().otherCores()));
    md.append(
        String.format(
            Locale.ROOT,
            "- **Machine load:** load average %s before, %s after; other processes took up to %.2f"
                + " cores during a measured phase: %s\n",
            results.loadBefore(),
            results.loadAfter(),
            busiest,
            busiest > BUSY_CORES
                ? "**taken under load** (the machine is shared), so these numbers are lower"
                    + " bounds; re-run on a quiet machine"
                : "a quiet machine"));
    md.append(
        String.format(
            Locale.ROOT,
            "- **Setup:** one JVM: the embedded Kafka broker (KRaft, one node; incidents topic with"
                + " %d partitions), the alert-notifier (its Spring context, one `webhook`"
                + " receiver, no routing configured, notify-on-change state, delivery log,"
                + " offsets committed after delivery; its logging at WARN) and a JDK HTTP server"
                + " on 127.0.0.1 answering 200 at once. Incident versions are the generic"
                + " webhook's fixture (5 signals, %,d bytes of JSON per POST), each a new"
                + " incident, written by a producer with acks=all and linger.ms=0\n",
            settings.partitions(),
            results.payloadBytes()));
    md.append('\n');
    md.append(
        "| phase | incident versions | deliveries/s | p50 ms | p90 ms | p99 ms | max ms | this JVM"
            + " (cores) | of which the delivering thread | this JVM's CPU per delivery | other"
            + " processes (cores) |\n");
    md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    row(
        md,
        "baseline: direct POSTs, one thread (same `WebhookReceiver` and HTTP client; latency ="
            + " one round trip)",
        results.baseline());
    row(
        md,
        String.format(
            Locale.ROOT,
            "notifier, latency: %d versions/s written for %d s (latency = written to the topic →"
                + " at the receiver)",
            settings.rate(),
            settings.latencyDuration().toSeconds()),
        results.latency());
    row(
        md,
        "notifier, throughput: a burst written at once (latency = written → at the receiver,"
            + " queueing included)",
        results.burst());
    md.append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "**Notifier throughput ÷ direct POSTs: %.2f** (%,.0f ÷ %,.0f deliveries/s); per"
                + " CPU-second of this JVM, which discounts other processes: %.2f. The receiver got"
                + " %,d requests, %,d of them duplicates (an incident version delivered twice);"
                + " every incident version written was delivered. The CPU per delivery includes"
                + " everything in this JVM: the broker, the producer writing the incidents, the"
                + " HTTP server, and in the baseline the client side of the POST.\n",
            results.ratio(),
            results.burst().perSecond(),
            results.baseline().perSecond(),
            results.ratioPerCpu(),
            results.receiverRequests(),
            results.duplicates()));
    md.append(END).append('\n');
    return md.toString();
  }

  private static void row(StringBuilder md, String name, NotifierLoadRun.Phase phase) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %,d | **%,.0f** | %.1f | %.1f | **%.1f** | %.1f | %.2f | %.2f | %,.0f µs | %.2f"
                + " |\n",
            name,
            phase.deliveries(),
            phase.perSecond(),
            phase.p50(),
            phase.p90(),
            phase.p99(),
            phase.max(),
            phase.jvmCores(),
            phase.loopCores(),
            phase.jvmCores() * 1e6 / phase.perSecond(),
            phase.otherCores()));
  }

  /** Replaces the section between the markers, or appends it when the document has none. */
  static String updateDocument(String existing, String section) {
    if (existing == null || existing.isEmpty()) {
      return section;
    }
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + section;
    }
    String after = existing.substring(end + END.length());
    return existing.substring(0, begin)
        + section
        + (after.startsWith("\n") ? after.substring(1) : after);
  }
}
