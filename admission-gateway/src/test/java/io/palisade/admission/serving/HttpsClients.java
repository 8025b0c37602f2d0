package io.palisade.admission.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A POST over a new TLS connection each time ({@code Connection: close}), so that every request
 * makes its own handshake with whatever certificate the server holds at that moment. The JDK's
 * HttpClient keeps connections alive and cannot be told not to.
 */
final class HttpsClients {

  /** The answer and the certificate the handshake saw. */
  record Answer(int status, String body, X509Certificate served) {}

  private HttpsClients() {}

  static Answer postOnNewConnection(SSLContext context, int port, String path, String json)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int headersEnd = response.indexOf("\r\n\r\n");
      String rest = headersEnd < 0 ? "" : response.substring(headersEnd + 4);
      return new Answer(
          status,
          dechunk(response, rest),
          (X509Certificate) socket.getSession().getPeerCertificates()[0]);
    }
  }

  /**
   * Posts {@code count} times over one kept-alive TLS connection and says after which answer the
   * server announced {@code Connection: close}, or -1 when it kept the connection open throughout.
   */
  static int keptAliveFor(SSLContext context, int port, String path, String json, int count)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      byte[] head =
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      InputStream in = socket.getInputStream();
      for (int i = 1; i <= count; i++) {
        socket.getOutputStream().write(head);
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        String headers = readHeaders(in).toLowerCase();
        skipBody(in, headers);
        if (headers.contains("connection: close")) {
          return i;
        }
      }
      return -1;
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the middle of an answer");
      }
      headers.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  private static void skipBody(InputStream in, String headers) throws IOException {
    int length = headers.indexOf("content-length:");
    if (length >= 0) {
      int end = headers.indexOf("\r\n", length);
      in.readNBytes(Integer.parseInt(headers.substring(length + 15, end).trim()));
      return;
    }
    // chunked: size line, data, CRLF … until the zero-size chunk and its final CRLF
    while (true) {
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("connection closed in the middle of a chunk");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      int size = Integer.parseInt(line.toString().trim(), 16);
      in.readNBytes(size + 2);
      if (size == 0) {
        return;
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }

  /** The body of a chunked answer without its chunk sizes; the body itself otherwise. */
  private static String dechunk(String response, String body) {
    String headers = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
    if (!headers.toLowerCase().contains("transfer-encoding: chunked")) {
      return body;
    }
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      text.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return text.toString();
  }
}
