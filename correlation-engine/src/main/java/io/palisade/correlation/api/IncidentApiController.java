package io.palisade.correlation.api;

import io.palisade.avro.IncidentAction;
import io.palisade.intake.auth.IntakeAuthenticator;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP shell of the incident API; the work is done by {@link IncidentDirectory} (queries across
 * instances) and {@link IncidentActions}. {@code /api/**} answers for all instances; {@code
 * /internal/**} answers from this instance's part of the view only, for the other instances. Every
 * error is JSON: {@code {"status", "reason", "message", …details}}.
 */
@RestController
public class IncidentApiController {

  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private final IncidentDirectory directory;
  private final IncidentActions actions;
  private final IntakeAuthenticator authenticator;

  public IncidentApiController(
      IncidentDirectory directory, IncidentActions actions, IntakeAuthenticator authenticator) {
    this.directory = directory;
    this.actions = actions;
    this.authenticator = authenticator;
  }

  @GetMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
  public JsonNode list(
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return directory.list(IncidentQuery.parse(plain(parameters)), authorization).toJson();
  }

  @GetMapping(path = "/api/incidents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public JsonNode get(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return directory.get(id, authorization).orElseThrow(() -> ApiException.notFound(id));
  }

  @PostMapping(path = "/api/incidents/{id}/actions", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> act(
      @PathVariable String id,
      @RequestBody(required = false) String body,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    Object certificates = request.getAttribute(CERTIFICATES);
    String actor =
        ApiCaller.actor(
            authenticator.mode(),
            authorization,
            certificates instanceof X509Certificate[] chain ? chain : null);
    IncidentAction action = actions.act(id, body, actor, authorization);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(AvroJson.render(action));
  }

  @GetMapping(path = HttpPeerIncidents.INTERNAL_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public JsonNode localList(@RequestParam MultiValueMap<String, String> parameters) {
    return directory.localPage(IncidentQuery.parse(plain(parameters))).toJson();
  }

  @GetMapping(
      path = HttpPeerIncidents.INTERNAL_PATH + "/{id}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public JsonNode localGet(@PathVariable String id) {
    return directory.localGet(id).orElseThrow(() -> ApiException.notFound(id));
  }

  @ExceptionHandler(ApiException.class)
  public ResponseEntity<JsonNode> refused(ApiException e) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("status", e.status());
    error.put("reason", e.reason());
    error.put("message", e.getMessage());
    e.details().forEach(error::put);
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(error);
  }

  private static Map<String, List<String>> plain(MultiValueMap<String, String> parameters) {
    return Map.copyOf(parameters);
  }
}
