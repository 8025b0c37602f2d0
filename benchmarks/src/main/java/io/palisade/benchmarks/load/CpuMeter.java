package io.palisade.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the processors went during a phase: this JVM's CPU time split by the role of its threads
 * (load generator, ingester, Kafka producer I/O, broker; the rest is the JIT compiler and the
 * garbage collector, which are not Java threads), and, from {@code /proc/stat}, everything else on
 * the machine, which on a shared machine competes for the same cores.
 */
public final class CpuMeter {

  /** The roles, in report order. */
  public static final String LOAD_GENERATOR = "load generator";

  public static final String INGESTER = "ingester request threads";
  public static final String PRODUCER_IO = "Kafka producer I/O threads";
  public static final String BROKER = "Kafka broker and other Java threads";
  public static final String JVM_INTERNAL = "JIT compiler and GC";

  /** Threads of the load generator are named with this prefix (or are the measuring thread). */
  public static final String LOAD_THREAD_PREFIX = "load-";

  private static final Path PROC_STAT = Path.of("/proc/stat");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long driverThread = Thread.currentThread().getId();
  private final Map<Long, Long> threadNanos;
  private final long jvmNanos;
  private final long[] machineJiffies; // busy, total; or null where /proc/stat is missing
  private final long wallNanos;

  private CpuMeter() {
    this.threadNanos = threadCpu();
    this.jvmNanos = jvmCpuNanos();
    this.machineJiffies = machineJiffies();
    this.wallNanos = System.nanoTime();
  }

  public static CpuMeter start() {
    return new CpuMeter();
  }

  /** CPU use since {@link #start}, in cores. */
  public CpuUse stop() {
    long wall = Math.max(1, System.nanoTime() - wallNanos);
    long[] machineNow = machineJiffies();
    double jvm = (jvmCpuNanos() - jvmNanos) / (double) wall;
    Map<String, Double> byRole = new LinkedHashMap<>();
    for (String role : new String[] {LOAD_GENERATOR, INGESTER, PRODUCER_IO, BROKER}) {
      byRole.put(role, 0.0);
    }
    double javaThreads = 0;
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long now = threads.getThreadCpuTime(ids[i]);
      if (infos[i] == null || now < 0) {
        continue;
      }
      double cores = (now - threadNanos.getOrDefault(ids[i], 0L)) / (double) wall;
      javaThreads += cores;
      byRole.merge(role(ids[i], infos[i].getThreadName()), cores, Double::sum);
    }
    byRole.put(JVM_INTERNAL, Math.max(0, jvm - javaThreads));
    double machine = -1;
    if (machineJiffies != null && machineNow != null && machineNow[1] > machineJiffies[1]) {
      machine =
          (machineNow[0] - machineJiffies[0])
              / (double) (machineNow[1] - machineJiffies[1])
              * Runtime.getRuntime().availableProcessors();
    }
    return new CpuUse(jvm, machine < 0 ? -1 : Math.max(0, machine - jvm), byRole);
  }

  private String role(long id, String name) {
    if (id == driverThread
        || name.startsWith(LOAD_THREAD_PREFIX)
        || name.startsWith("HttpClient-")) {
      return LOAD_GENERATOR;
    }
    if (name.startsWith("http-nio-") || name.startsWith("https-jsse-nio-")) {
      return INGESTER; // Tomcat's request threads, plain HTTP or TLS
    }
    if (name.startsWith("kafka-producer-network-thread")
        || name.equals("admission-decision-publisher")) {
      return PRODUCER_IO;
    }
    return BROKER;
  }

  private Map<Long, Long> threadCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }

  private static long jvmCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** busy and total jiffies of all CPUs, from the first line of /proc/stat. */
  private static long[] machineJiffies() {
    try {
      String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * @param jvmCores cores this JVM kept busy on average
   * @param otherCores cores everything else on the machine kept busy, or -1 if unknown
   * @param byRole this JVM's cores by the role of the thread (see the constants)
   */
  public record CpuUse(double jvmCores, double otherCores, Map<String, Double> byRole) {

    public CpuUse {
      byRole = Collections.unmodifiableMap(new LinkedHashMap<>(byRole));
    }

    public double cores(String role) {
      return byRole.getOrDefault(role, 0.0);
    }
  }
}
