package io.palisade.benchmarks.jmh;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this package and prints their scores as a Markdown table, in µs per
 * operation and in events per second on one core. Any JMH option may be given, e.g. {@code -f 1 -wi
 * 2 -i 3} or a benchmark regex:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.jmh.MicroBenchmarks
 * </pre>
 */
public final class MicroBenchmarks {

  private MicroBenchmarks() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions given = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    if (given.getIncludes().isEmpty()) {
      builder.include(MicroBenchmarks.class.getPackageName() + "\\..*Benchmark\\..*");
    }
    Options options = builder.parent(given).build();
    Collection<RunResult> results = new Runner(options).run();
    // a command-line tool: the summary table is its output, after JMH's own report
    PrintStream terminal = System.out;
    terminal.println();
    terminal.println(table(results));
  }

  static String table(Collection<RunResult> results) {
    StringBuilder out =
        new StringBuilder(
            "| benchmark | events per op | µs/op (± 99.9 %) | events/s on one core |\n"
                + "|---|--:|--:|--:|\n");
    for (RunResult run : results) {
      Result<?> score = run.getPrimaryResult();
      String batch = run.getParams().getParam("batchSize");
      int events = batch == null ? 1 : Integer.parseInt(batch);
      String name = run.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      out.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %d | %,.1f ± %,.1f | %,.0f |%n",
              name,
              events,
              score.getScore(),
              score.getScoreError(),
              events * 1e6 / score.getScore()));
    }
    return out.toString();
  }
}
