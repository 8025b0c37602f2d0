package io.palisade.correlation.detect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.correlation.sigma.RuleFile;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.correlation.sigma.SigmaRuleSetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Sigma rule set: the built-in pack plus the configured rule directories, validated as
 * one set and replaced as a whole.
 *
 * <p>{@link #reload()} re-reads the directories and compares a SHA-256 over every file's path and
 * content with the running set's: unchanged files cost a read and a hash, nothing else. A changed
 * set is loaded and checked completely; if any rule is refused, the running set stays and the
 * errors are logged once per distinct bad content. Each reload attempt that found a change counts
 * in {@value #RELOAD_METRIC} with tag {@code outcome} = {@code success} or {@code failure}.
 *
 * <p>At construction the set must load: a bad initial set is an error the service should not start
 * with. Thread-safe: the stream threads read {@link #current()} while a scheduler reloads.
 */
public final class SigmaRules {

  public static final String RELOAD_METRIC = "palisade.detection.rules.reload";

  private static final Logger log = LoggerFactory.getLogger(SigmaRules.class);

  /** What a reload did. */
  public enum Outcome {
    UNCHANGED,
    RELOADED,
    REFUSED
  }

  private final List<RuleFile> builtIn;
  private final List<Path> directories;
  private final Counter successes;
  private final Counter failures;
  private volatile SigmaRuleSet current;
  private String fingerprint;
  private String refusedFingerprint;

  /**
   * @param builtIn the built-in pack's files (read once: they cannot change without a restart)
   * @param directories configured rule directories, re-read by {@link #reload()}
   * @throws SigmaRuleSetException when the initial set is refused
   */
  public SigmaRules(List<RuleFile> builtIn, List<Path> directories, MeterRegistry meters) {
    this.builtIn = List.copyOf(builtIn);
    this.directories = List.copyOf(directories);
    this.successes = meters.counter(RELOAD_METRIC, "outcome", "success");
    this.failures = meters.counter(RELOAD_METRIC, "outcome", "failure");
    List<RuleFile> files = files();
    this.current = SigmaRuleSet.load(files);
    this.fingerprint = fingerprint(files);
    log.info(
        "loaded {} Sigma detection and {} correlation rule(s) from {} built-in file(s) and {}",
        current.detections().size(),
        current.correlations().size(),
        this.builtIn.size(),
        this.directories);
  }

  /** A fixed rule set, never reloaded (tests, the CLI). */
  public static SigmaRules fixed(SigmaRuleSet rules, MeterRegistry meters) {
    SigmaRules fixed = new SigmaRules(List.of(), List.of(), meters);
    fixed.current = rules;
    return fixed;
  }

  /** The running rule set. */
  public SigmaRuleSet current() {
    return current;
  }

  /** Re-reads the rule directories and switches to the new set if it changed and is valid. */
  public synchronized Outcome reload() {
    List<RuleFile> files;
    try {
      files = files();
    } catch (SigmaRuleSetException e) {
      return refuse(e, "unreadable:" + e.getMessage());
    }
    String newFingerprint = fingerprint(files);
    if (newFingerprint.equals(fingerprint)) {
      return Outcome.UNCHANGED;
    }
    if (newFingerprint.equals(refusedFingerprint)) {
      return Outcome.REFUSED;
    }
    SigmaRuleSet loaded;
    try {
      loaded = SigmaRuleSet.load(files);
    } catch (SigmaRuleSetException e) {
      return refuse(e, newFingerprint);
    }
    current = loaded;
    fingerprint = newFingerprint;
    refusedFingerprint = null;
    successes.increment();
    log.info(
        "reloaded Sigma rules: {} detection and {} correlation rule(s) now running",
        loaded.detections().size(),
        loaded.correlations().size());
    return Outcome.RELOADED;
  }

  private Outcome refuse(SigmaRuleSetException e, String badFingerprint) {
    if (!badFingerprint.equals(refusedFingerprint)) {
      refusedFingerprint = badFingerprint;
      failures.increment();
      log.error(
          "refused the changed Sigma rule set in {}; still running the previous set of {} rule(s)."
              + " {}",
          directories,
          current.size(),
          e.getMessage());
    }
    return Outcome.REFUSED;
  }

  private List<RuleFile> files() {
    List<RuleFile> files = new ArrayList<>(builtIn);
    for (Path directory : directories) {
      files.addAll(RuleFile.readDirectory(directory));
    }
    return files;
  }

  private static String fingerprint(List<RuleFile> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (RuleFile file : files) {
        sha.update(Objects.toString(file.source()).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(file.text().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
