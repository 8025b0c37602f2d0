package io.palisade.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the numbers were measured on.
 *
 * @param processors processors available to the JVM ({@code nproc})
 * @param memoryBytes total memory of the machine, or -1 when unknown
 * @param cpuModel the CPU's model name from {@code /proc/cpuinfo}
 * @param java the Java runtime
 * @param os the operating system
 * @param maxHeapBytes the JVM's maximum heap
 * @param jvmArguments the JVM's command-line options
 */
public record MachineInfo(
    int processors,
    long memoryBytes,
    String cpuModel,
    String java,
    String os,
    long maxHeapBytes,
    List<String> jvmArguments) {

  public MachineInfo {
    jvmArguments = List.copyOf(jvmArguments);
  }

  public static MachineInfo detect() {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        procField(Path.of("/proc/meminfo"), "MemTotal")
            .map(kb -> Long.parseLong(kb.replaceAll("\\D", "")) * 1024)
            .orElse(-1L),
        procField(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory(),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The value of the first {@code name: value} line of a /proc file. */
  static Optional<String> procField(Path file, String name) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(name) && line.indexOf(':') > 0)
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
