package io.palisade.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One keep-alive HTTP/1.1 connection that posts pre-built requests and reads their answers,
 * blocking, with as little work as a client can do: each request (head and body) is one array
 * written in one call, and the answer is read for its status, its framing ({@code Content-Length}
 * or chunked) and its body. It exists so that the load generator takes as little of the machine's
 * CPU as possible from the ingester it measures; the JDK's {@code HttpClient} took about a fifth of
 * a core for the audit load. HTTPS is a TLS socket from the given context, with the host name
 * checked against the certificate.
 */
final class Http11Connection implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private final URI target;
  private final SSLContext tls;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  /**
   * @param target an {@code http} or {@code https} URI
   * @param tls the client context for {@code https}, or null
   */
  Http11Connection(URI target, SSLContext tls) {
    this.target = target;
    this.tls = tls;
  }

  /** A whole POST request: head and body in one array. */
  static byte[] post(URI target, String contentType, String bearerToken, byte[] body) {
    StringBuilder head = new StringBuilder();
    String path = target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (target.getRawQuery() != null) {
      path += "?" + target.getRawQuery();
    }
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.getHost()).append(':').append(port(target)).append("\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    if (bearerToken != null) {
      head.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /** An answer: its status and body. */
  record Answer(int status, byte[] body) {}

  /**
   * Sends a request made by {@link #post} and reads its answer; opens the connection first when it
   * is not open. On an I/O error the connection is closed, and the next exchange opens a new one.
   */
  Answer exchange(byte[] request) throws IOException {
    try {
      if (socket == null) {
        open();
      }
      out.write(request);
      out.flush();
      return readAnswer();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    Socket plain = new Socket();
    plain.setTcpNoDelay(true);
    plain.connect(new InetSocketAddress(target.getHost(), port(target)), CONNECT_TIMEOUT_MILLIS);
    plain.setSoTimeout(READ_TIMEOUT_MILLIS);
    if (tls != null) {
      SSLSocket secure =
          (SSLSocket)
              tls.getSocketFactory().createSocket(plain, target.getHost(), port(target), true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      socket = secure;
    } else {
      socket = plain;
    }
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  private Answer readAnswer() throws IOException {
    String statusLine = line();
    // HTTP/1.1 200 OK
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closes = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      body = chunkedBody();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length < contentLength) {
        throw new EOFException("the answer ended before its Content-Length");
      }
    } else if (status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else {
      body = in.readAllBytes(); // framed by the end of the connection
      closes = true;
    }
    if (closes) {
      close();
    }
    return new Answer(status, body);
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int extension = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
      if (size == 0) {
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
          // trailers are not used
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("the answer ended inside a chunk");
      }
      body.writeBytes(chunk);
      line(); // the CRLF after the chunk
    }
  }

  /** A line of the answer's head, without its CRLF. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection closed in the middle of an answer");
      }
      if (b == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private static int port(URI target) {
    if (target.getPort() >= 0) {
      return target.getPort();
    }
    return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
      out = null;
      in = null;
    }
  }
}
