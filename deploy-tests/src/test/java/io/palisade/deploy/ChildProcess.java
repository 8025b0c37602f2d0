package io.palisade.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started, with its standard output and error in one log file, so that a failing
 * test can show what the process said and the test can always stop it.
 *
 * @param name what the process is (a compose service name)
 * @param process the running process
 * @param log its output
 */
record ChildProcess(String name, Process process, Path log) {

  /** Starts {@code command} with exactly its environment (nothing inherited) in its directory. */
  static ChildProcess start(String name, LocalCompose.LocalCommand command, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command.command());
    builder.environment().clear();
    builder.environment().putAll(command.environment());
    builder.directory(command.directory().toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    try {
      Files.createDirectories(command.directory());
      return new ChildProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command.command(), e);
    }
  }

  /** Everything the process wrote so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code count} lines of its output, headed by its name, for a failure message. */
  String tail(int count) {
    List<String> lines = output().lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
    String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
    return "---- "
        + name
        + " ("
        + state
        + ", "
        + log
        + "), last "
        + last.size()
        + " lines:\n"
        + String.join("\n", last)
        + "\n";
  }

  /** Asks the process to stop (SIGTERM), and kills it if it has not within {@code seconds}. */
  void stop(int seconds) {
    process.destroy();
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(seconds, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
