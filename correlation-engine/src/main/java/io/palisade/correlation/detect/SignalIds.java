package io.palisade.correlation.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Signal ids: the same rule on the same evidence always gives the same id. */
final class SignalIds {

  private SignalIds() {}

  /** 128 bits of SHA-256 over rule id and evidence key, as 32 hex digits. */
  static String of(String ruleId, String evidenceKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((ruleId + "\n" + evidenceKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
