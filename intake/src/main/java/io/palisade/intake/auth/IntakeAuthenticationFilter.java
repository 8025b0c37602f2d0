package io.palisade.intake.auth;

import io.palisade.intake.ApiError;
import io.palisade.intake.IntakeMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets only authenticated requests reach the intake endpoints; the others get a 401 with a JSON
 * {@link ApiError} (reason {@value #REASON}) and are counted. Every request it sees is counted as
 * received. While the actuator shares the port (TLS off), requests under its base path pass
 * untouched so that probes work without credentials; with TLS on it has a port of its own, which
 * this filter does not guard.
 */
public final class IntakeAuthenticationFilter extends HttpFilter {

  public static final String REASON = "unauthenticated";

  /** The servlet request attribute that holds the client's verified certificate chain. */
  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private final IntakeAuthenticator authenticator;
  private final String managementBasePath;
  private final IntakeMetrics metrics;
  private final JsonMapper json = JsonMapper.builder().build();

  public IntakeAuthenticationFilter(
      IntakeAuthenticator authenticator, String managementBasePath, IntakeMetrics metrics) {
    this.authenticator = authenticator;
    this.managementBasePath = managementBasePath;
    this.metrics = metrics;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isManagement(request)) {
      chain.doFilter(request, response);
      return;
    }
    metrics.received();
    String authorization = request.getHeader("Authorization");
    Object certificates = request.getAttribute(CERTIFICATES);
    X509Certificate[] chainPresented =
        certificates instanceof X509Certificate[] verified ? verified : null;
    if (authenticator.authenticates(authorization, chainPresented)) {
      chain.doFilter(request, response);
      return;
    }
    metrics.rejected(REASON);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/json");
    String challenge = authenticator.challenge();
    if (challenge != null) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    json.writeValue(
        response.getOutputStream(),
        new ApiError(HttpServletResponse.SC_UNAUTHORIZED, REASON, authenticator.requirement()));
  }

  /**
   * Both views of the path must agree, the servlet container's (decoded, normalised) and the raw
   * one Spring MVC maps: {@code /actuator/../v1/audit} is not a management request.
   */
  private boolean isManagement(HttpServletRequest request) {
    if (managementBasePath == null || managementBasePath.isEmpty()) {
      return false;
    }
    String servletPath =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String rawPath = request.getRequestURI().substring(request.getContextPath().length());
    return under(servletPath) && under(rawPath) && !rawPath.contains("..");
  }

  private boolean under(String path) {
    return path.equals(managementBasePath) || path.startsWith(managementBasePath + "/");
  }
}
