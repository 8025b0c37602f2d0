package io.palisade.correlation.sigma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Command line for detection engineers: runs a rule directory over an NDJSON file of events and
 * prints the matches per event.
 *
 * <pre>
 * SigmaCli --rules &lt;dir&gt; --events &lt;file.ndjson&gt; [--explain] [--logsource audit|admission|falco]
 * </pre>
 *
 * Each line is one event in the JSON view of its logsource (see the module README); without {@code
 * --logsource} the view is recognised per line (an audit {@code Event} has {@code auditID}, a Falco
 * alert {@code rule} and {@code priority}, an admission decision {@code operation} and {@code
 * allowed}). An audit {@code EventList} line is read as its items. {@code --explain} also prints,
 * for every rule that did not match, which selection and field failed.
 *
 * <p>Correlation rules in the directory are loaded and checked with the set (a bad one is a rule
 * error, exit 1) but not evaluated: they need the stream's event time and state.
 *
 * <p>Exit codes: 0 when the rules loaded and every event was read; 1 when any rule is refused (all
 * rule errors are printed, no event is evaluated); 2 on a usage error or an unreadable event line
 * (the other lines are still evaluated).
 */
public final class SigmaCli {

  private SigmaCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path rulesDir = null;
    Path eventsFile = null;
    boolean explain = false;
    SigmaLogsource forced = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rules" -> rulesDir = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "--events" -> eventsFile = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "--explain" -> explain = true;
        case "--logsource" -> {
          forced = i + 1 < args.length ? SigmaLogsource.ofService(args[++i]) : null;
          if (forced == null) {
            return usage(err, "--logsource takes audit, admission or falco");
          }
        }
        case "--help", "-h" -> {
          usage(out, null);
          return 0;
        }
        default -> {
          return usage(err, "unknown argument '" + args[i] + "'");
        }
      }
    }
    if (rulesDir == null || eventsFile == null) {
      return usage(err, "--rules and --events are required");
    }
    SigmaEngine engine;
    try {
      SigmaRuleSet set = SigmaRuleSet.load(RuleFile.readDirectory(rulesDir));
      engine = set.engine();
      out.println(
          "loaded "
              + set.detections().size()
              + " rule(s) from "
              + rulesDir
              + (set.correlations().isEmpty()
                  ? ""
                  : " and "
                      + set.correlations().size()
                      + " correlation rule(s), checked but not evaluated here (they need the"
                      + " stream's event time)"));
    } catch (SigmaRuleSetException e) {
      err.println(e.getMessage());
      return 1;
    }
    int badLines = 0;
    int events = 0;
    int matchedEvents = 0;
    try (BufferedReader reader = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        List<JsonSigmaEvent> lineEvents;
        try {
          lineEvents = expand(JsonSigmaEvent.parse(line));
        } catch (IllegalArgumentException e) {
          err.println(eventsFile + ":" + number + ": " + e.getMessage());
          badLines++;
          continue;
        }
        for (JsonSigmaEvent event : lineEvents) {
          SigmaLogsource logsource = forced != null ? forced : recognise(event.root());
          if (logsource == null) {
            err.println(
                eventsFile
                    + ":"
                    + number
                    + ": not recognised as an audit event, admission decision or"
                    + " Falco alert (use --logsource)");
            badLines++;
            continue;
          }
          events++;
          if (report(engine, logsource, event, eventsFile + ":" + number, explain, out)) {
            matchedEvents++;
          }
        }
      }
    } catch (IOException e) {
      err.println(eventsFile + ": cannot read: " + e.getMessage());
      return 2;
    }
    out.println(
        events
            + " event(s), "
            + matchedEvents
            + " with matches, "
            + badLines
            + " unreadable line(s)");
    return badLines > 0 ? 2 : 0;
  }

  private static boolean report(
      SigmaEngine engine,
      SigmaLogsource logsource,
      JsonSigmaEvent event,
      String where,
      boolean explain,
      PrintStream out) {
    List<SigmaRule> matches;
    try {
      matches = engine.match(logsource, event);
    } catch (IllegalArgumentException e) {
      out.println(
          where
              + " ["
              + logsource.service()
              + "] "
              + summary(logsource, event.root())
              + ": "
              + e.getMessage());
      return false;
    }
    out.println(
        where
            + " ["
            + logsource.service()
            + "] "
            + summary(logsource, event.root())
            + ": "
            + matches.size()
            + " match(es)");
    for (SigmaRule rule : matches) {
      out.println(
          "  MATCH "
              + (rule.level() != null ? rule.level() : "-")
              + " "
              + rule.label()
              + " "
              + rule.source());
    }
    if (explain) {
      for (SigmaExplanation explanation : engine.explain(logsource, event)) {
        if (!explanation.matched()) {
          out.println("  no    " + explanation.rule().label());
          explanation.reasons().forEach(reason -> out.println("          " + reason));
        }
      }
    }
    return !matches.isEmpty();
  }

  private static List<JsonSigmaEvent> expand(JsonSigmaEvent event) {
    JsonNode root = event.root();
    if ("EventList".equals(text(root, "kind")) && root.path("items").isArray()) {
      List<JsonSigmaEvent> items = new ArrayList<>();
      for (JsonNode item : root.path("items")) {
        items.add(JsonSigmaEvent.of(item));
      }
      return items;
    }
    return List.of(event);
  }

  private static SigmaLogsource recognise(JsonNode root) {
    if (root.has("auditID") || "Event".equals(text(root, "kind"))) {
      return SigmaLogsource.AUDIT;
    }
    if (root.has("rule") && root.has("priority")) {
      return SigmaLogsource.FALCO;
    }
    if (root.has("operation") && root.has("allowed")) {
      return SigmaLogsource.ADMISSION;
    }
    return null;
  }

  private static String summary(SigmaLogsource logsource, JsonNode root) {
    return switch (logsource) {
      case AUDIT ->
          text(root, "verb")
              + " "
              + text(root.path("objectRef"), "resource")
              + (root.path("objectRef").has("subresource")
                  ? "/" + text(root.path("objectRef"), "subresource")
                  : "")
              + " "
              + text(root.path("objectRef"), "namespace")
              + "/"
              + text(root.path("objectRef"), "name")
              + " by "
              + text(root.path("user"), "username");
      case ADMISSION ->
          text(root, "operation")
              + " "
              + text(root, "kind")
              + " "
              + text(root, "namespace")
              + "/"
              + text(root, "name")
              + " allowed="
              + root.path("allowed");
      case FALCO -> text(root, "priority") + " " + text(root, "rule");
    };
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull()
        ? "-"
        : value.isString() ? value.stringValue() : value.toString();
  }

  private static int usage(PrintStream stream, String problem) {
    if (problem != null) {
      stream.println("error: " + problem);
    }
    stream.println(
        "usage: SigmaCli --rules <dir> --events <file.ndjson> [--explain] [--logsource audit|admission|falco]");
    return problem != null ? 2 : 0;
  }
}
