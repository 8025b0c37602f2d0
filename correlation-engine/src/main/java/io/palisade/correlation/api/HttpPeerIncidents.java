package io.palisade.correlation.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks another instance over its internal endpoints ({@code GET /internal/incidents} and {@code GET
 * /internal/incidents/{id}}, which answer from that instance's local view only) with the JDK HTTP
 * client, passing the caller's bearer token on. Every call has a timeout; a peer that does not
 * answer in time, or answers anything but the expected JSON, fails the future with an {@link
 * ApiException} 503.
 */
public final class HttpPeerIncidents implements PeerIncidents {

  public static final String INTERNAL_PATH = "/internal/incidents";

  private final HttpClient http;
  private final Duration timeout;
  private final JsonMapper json = JsonMapper.builder().build();

  public HttpPeerIncidents(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<IncidentPage> page(
      HostInfo peer, IncidentQuery query, String authorization) {
    return send(peer, INTERNAL_PATH + "?" + query.toQueryString(), authorization)
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw failed(peer, "answered " + response.statusCode());
              }
              return IncidentPage.fromJson(parse(peer, response.body()));
            });
  }

  @Override
  public CompletableFuture<Optional<ObjectNode>> get(
      HostInfo peer, String id, String authorization) {
    String path = INTERNAL_PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    return send(peer, path, authorization)
        .thenApply(
            response -> {
              if (response.statusCode() == 404) {
                return Optional.empty();
              }
              if (response.statusCode() != 200
                  || !(parse(peer, response.body()) instanceof ObjectNode incident)) {
                throw failed(peer, "answered " + response.statusCode());
              }
              return Optional.of(incident);
            });
  }

  private CompletableFuture<HttpResponse<String>> send(
      HostInfo peer, String pathAndQuery, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .exceptionally(
            error -> {
              throw failed(
                  peer, error.getCause() == null ? error.toString() : error.getCause().toString());
            });
  }

  private JsonNode parse(HostInfo peer, String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      throw failed(peer, "answered something that is not JSON");
    }
  }

  private static ApiException failed(HostInfo peer, String why) {
    return ApiException.unavailable(
        "peer-unavailable",
        "the instance at "
            + peer.host()
            + ":"
            + peer.port()
            + " holding part of the incidents did not answer: "
            + why
            + "; try again");
  }
}
