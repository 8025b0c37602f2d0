package io.palisade.runtime.falco;

import io.palisade.intake.InvalidEvidenceException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a request body into a JSON tree. Decimals are read exactly, so that {@code output_fields}
 * numbers keep the digits Falco wrote.
 */
public final class FalcoAlertReader {

  private final JsonMapper json;

  public FalcoAlertReader() {
    this(JsonMapper.builder());
  }

  /**
   * @param json a mapper builder with the intake's read limits ({@code IntakeJson.builder})
   */
  public FalcoAlertReader(JsonMapper.Builder json) {
    this.json =
        json.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
  }

  public JsonNode read(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidEvidenceException(
          "malformed-json", "the body is not valid JSON: " + describe(e));
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidEvidenceException("empty-body", "the body is empty: send one Falco alert");
    }
    return root;
  }

  private static String describe(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    String message = e.getOriginalMessage();
    return at == null || at.getLineNr() < 0
        ? message
        : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
