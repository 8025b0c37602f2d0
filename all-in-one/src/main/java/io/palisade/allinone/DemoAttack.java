package io.palisade.allinone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The built-in attack (see {@code demo/README.md}): four pieces of evidence from the three sources,
 * sent to the real HTTP intakes in the wire formats a cluster uses.
 */
final class DemoAttack {

  /** One HTTP request of the replay. */
  record Step(String description, PalisadeService service, String path, String body) {}

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Clock clock;
  private final String runId;

  DemoAttack(Clock clock) {
    this.clock = clock;
    this.runId = clock.instant().toString();
  }

  /** The admission request: answered at once, so its decision time anchors the timeline. */
  Step admission() {
    return new Step(
        "admission: alice is refused a privileged pod shop/debug-root",
        PalisadeService.ADMISSION_GATEWAY,
        "/validate",
        fill("demo/admission-review.json", Map.of("admissionUid", uuid("admission"))));
  }

  /** Both audit events in one EventList, around the admission decision at {@code anchor}. */
  Step auditEvents(Instant anchor) {
    Instant exec = anchor.truncatedTo(ChronoUnit.MICROS);
    return new Step(
        "audit: alice bound cluster-admin a minute ago, now execs into shop/web-7d9f",
        PalisadeService.AUDIT_INGESTER,
        "/v1/audit",
        fill(
            "demo/audit-events.json",
            Map.of(
                "bindingAuditId", uuid("binding"),
                "execAuditId", uuid("exec"),
                "tBinding", MICROS.format(exec.minusSeconds(60)),
                "tExec", MICROS.format(exec))));
  }

  /** The Falco alert for the shell the exec opened. */
  Step runtimeAlert(Instant anchor) {
    Instant shell = anchor.truncatedTo(ChronoUnit.MICROS).plusMillis(250).plusNanos(995);
    return new Step(
        "runtime: Falco sees a terminal shell in shop/web-7d9f",
        PalisadeService.RUNTIME_INGESTER,
        "/v1/falco",
        fill(
            "demo/falco-alert.json",
            Map.of(
                "tShellClock",
                CLOCK.format(shell),
                "tShell",
                shell.toString(),
                "tShellEpochNanos",
                String.valueOf(shell.getEpochSecond() * 1_000_000_000L + shell.getNano()))));
  }

  /** Sends the attack to the running services, failing on the first answer that is not 200. */
  void replay(RunningPalisade palisade, Consumer<String> progress) {
    send(palisade, admission(), progress);
    Instant anchor = clock.instant();
    send(palisade, auditEvents(anchor), progress);
    send(palisade, runtimeAlert(anchor), progress);
  }

  private void send(RunningPalisade palisade, Step step, Consumer<String> progress) {
    URI uri = palisade.baseUri(step.service()).resolve(step.path());
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(step.body()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            step.description()
                + ": "
                + uri
                + " answered "
                + response.statusCode()
                + " "
                + response.body());
      }
      progress.accept(step.description() + "  -> HTTP " + response.statusCode());
    } catch (IOException e) {
      throw new UncheckedIOException(step.description() + ": " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String uuid(String what) {
    return UUID.nameUUIDFromBytes((what + runId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String fill(String resource, Map<String, String> values) {
    String text;
    try (InputStream in = DemoAttack.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing demo resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("{{" + value.getKey() + "}}", value.getValue());
    }
    return text;
  }
}
