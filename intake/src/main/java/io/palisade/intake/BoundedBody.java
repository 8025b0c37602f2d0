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
    if (declaredLength >= 0 && declaredLength <= limit) {
      return declared(in, (int) declaredLength);
    }
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw tooLarge("more than " + limit + " bytes", maxBytes);
    }
    return body;
  }

  /**
   * A body of known length read into one array of that size: {@code readNBytes(limit)} would read
   * it in 8 KiB chunks and copy them together, twice the allocation for large audit batches.
   */
  private static byte[] declared(InputStream in, int length) throws IOException {
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    if (read < length) {
      throw new java.io.EOFException(
          "the request body ended after " + read + " of its declared " + length + " bytes");
    }
    return body;
  }

  private static RequestTooLargeException tooLarge(String size, long maxBytes) {
    return new RequestTooLargeException(
        "body-too-large",
        "the request body has " + size + "; at most " + maxBytes + " bytes are accepted");
  }
}
