package io.palisade.intake;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, but never more than a limit: larger bodies are refused, not buffered. */
public final class BoundedBody {

  private BoundedBody() {}

  /**
   * @param declaredLength the Content-Length, or -1 when the body is chunked
   * @param maxBytes the largest body accepted
   */
  public static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
    if (declaredLength > maxBytes) {
      throw tooLarge(declaredLength + " bytes", maxBytes);
    }
    int limit = (int) Math.min(Integer.MAX_VALUE - 8L, maxBytes);
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw tooLarge("more than " + limit + " bytes", maxBytes);
    }
    return body;
  }

  private static RequestTooLargeException tooLarge(String size, long maxBytes) {
    return new RequestTooLargeException(
        "body-too-large",
        "the request body has " + size + "; at most " + maxBytes + " bytes are accepted");
  }
}
