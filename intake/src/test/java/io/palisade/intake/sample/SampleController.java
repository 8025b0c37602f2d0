package io.palisade.intake.sample;

import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.json.IntakeJson;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Accepts any JSON body that the intake limits let through. */
@RestController
class SampleController {

  private final JsonMapper json;

  SampleController(IntakeEndpointProperties endpoint) {
    this.json = IntakeJson.mapper(endpoint.limits());
  }

  @PostMapping(path = "/v1/sample", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> receive(@RequestBody byte[] body) {
    json.readTree(body);
    return Map.of("accepted", 1);
  }
}
