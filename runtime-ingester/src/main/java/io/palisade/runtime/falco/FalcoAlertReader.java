package io.palisade.runtime.falco;

import io.palisade.intake.InvalidEvidenceException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses one alert (a request body or an NDJSON line) into a JSON tree. Decimals are read exactly,
 * so that {@code output_fields} numbers keep the digits Falco wrote. Anything after the first JSON
 * value is an error: several alerts in one body are NDJSON and must be declared so.
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
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
  }

  /** One alert in a request body. */
  public JsonNode read(byte[] body) {
    JsonNode root = parse(body, "the body", true);
    if (root == null || root.isMissingNode()) {
      throw new InvalidEvidenceException("empty-body", "the body is empty: send one Falco alert");
    }
    return root;
  }

  /** One alert on a (non-blank) NDJSON line; errors name the line. */
  public JsonNode read(NdjsonLines.Line line) {
    return parse(line.bytes(), "line " + line.number(), false);
  }

  private JsonNode parse(byte[] bytes, String what, boolean withLine) {
    try {
      return json.readTree(bytes);
    } catch (JacksonException e) {
      throw new InvalidEvidenceException(
          "malformed-json", what + " is not valid JSON: " + describe(e, withLine));
    }
  }

  private static String describe(JacksonException e, boolean withLine) {
    TokenStreamLocation at = e.getLocation();
    String message = e.getOriginalMessage();
    if (at == null || at.getLineNr() < 0) {
      return message;
    }
    return withLine
        ? message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
        : message + " (column " + at.getColumnNr() + ")";
  }
}
