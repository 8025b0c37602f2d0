package io.palisade.intake;

import io.palisade.intake.auth.AuthenticationMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How an intake endpoint is protected ({@code palisade.intake.*}), with its defaults: TLS is on,
 * requests must authenticate, and input is bounded. Plain HTTP and anonymous requests are only
 * served when configured explicitly ({@code palisade.intake.tls.enabled=false}, {@code
 * palisade.intake.auth.mode=none}).
 *
 * @param tls the HTTPS certificate, the CA of client certificates, and the management port
 * @param auth who may post evidence
 * @param limits how large and deep a request may be
 */
@Validated
@ConfigurationProperties("palisade.intake")
public record IntakeEndpointProperties(
    @DefaultValue @Valid Tls tls,
    @DefaultValue @Valid Auth auth,
    @DefaultValue @Valid Limits limits) {

  /**
   * @param enabled serve HTTPS (the default); {@code false} serves plain HTTP, for all-in-one,
   *     tests, or behind a TLS-terminating proxy
   * @param certificate the server certificate chain, a PEM file
   * @param privateKey its private key, a PEM file (PKCS#8 or PKCS#1)
   * @param clientCa the CA (PEM) whose client certificates are accepted; unset: none are asked for
   * @param managementPort the plain-HTTP port of the actuator endpoints while TLS is on; unset:
   *     {@code server.port + 1000} (0 when {@code server.port} is 0)
   * @param reloadOnUpdate serve a renewed certificate (and CA) as soon as the files change
   */
  public record Tls(
      @DefaultValue("true") boolean enabled,
      Path certificate,
      Path privateKey,
      Path clientCa,
      @Min(0) @Max(65535) Integer managementPort,
      @DefaultValue("true") boolean reloadOnUpdate) {}

  /**
   * @param mode which credentials are accepted; the default {@code either} accepts whichever are
   *     configured (a client certificate signed by {@code tls.client-ca}, a bearer token), and
   *     fails at startup when none is
   * @param tokens accepted bearer tokens; never logged or printed
   * @param tokenFile a file of accepted bearer tokens, one per line ({@code #} starts a comment),
   *     read again when it changes
   */
  public record Auth(
      @DefaultValue("either") @NotNull AuthenticationMode mode,
      List<String> tokens,
      Path tokenFile) {

    public Auth {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    @Override
    public String toString() {
      return "Auth[mode="
          + mode
          + ", tokens=<"
          + tokens.size()
          + " redacted>, tokenFile="
          + tokenFile
          + "]";
    }
  }

  /**
   * @param maxBodySize the largest request body (413 {@code body-too-large})
   * @param maxEvents the most events in one request (413 {@code too-many-events})
   * @param maxEventSize the largest single event as published, and the longest JSON string read
   *     (413 {@code event-too-large}); keep it below Kafka's message size limit (1 MiB by default)
   * @param maxDepth the deepest JSON nesting read (400 {@code too-deeply-nested})
   */
  public record Limits(
      @DefaultValue("16MB") @NotNull DataSize maxBodySize,
      @DefaultValue("5000") @Positive int maxEvents,
      @DefaultValue("900KB") @NotNull DataSize maxEventSize,
      @DefaultValue("100") @Min(2) @Max(10_000) int maxDepth) {

    /**
     * The limits for parsing a body that holds many events: a JSON string may be as long as the
     * body. An event too large to publish is then found after parsing, by its own size, and
     * dead-lettered by itself, instead of one long string refusing the whole request with its
     * neighbours (413).
     */
    public Limits forBatches() {
      return new Limits(maxBodySize, maxEvents, maxBodySize, maxDepth);
    }

    /** The defaults, for code that runs without Spring. */
    public static Limits defaults() {
      return new Limits(DataSize.ofMegabytes(16), 5000, DataSize.ofKilobytes(900), 100);
    }
  }
}
