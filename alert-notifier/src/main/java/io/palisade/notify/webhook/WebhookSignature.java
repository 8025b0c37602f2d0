package io.palisade.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's body signature: {@code sha256=} followed by the lowercase hex HMAC-SHA256
 * of the exact body bytes (UTF-8) under the shared secret, as GitHub's {@code X-Hub-Signature-256}.
 * A receiver recomputes it and compares in constant time.
 */
public final class WebhookSignature {

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  public static String of(String secret, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // every JDK has HmacSHA256 and accepts any non-empty key; the message names no secret
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
