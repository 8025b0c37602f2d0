package io.palisade.benchmarks.admission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made at start with the JDK's own
 * {@code keytool} (RSA 2048, as cert-manager issues by default) and written as the PEM files the
 * gateway reads ({@code palisade.intake.tls.certificate}, {@code private-key}), plus a client
 * context that trusts it. Nothing is committed and nothing outside the given directory is touched.
 *
 * @param certificateFile the certificate, PEM
 * @param privateKeyFile its private key, PEM (PKCS#8)
 * @param certificate the certificate itself, for the client's trust store
 */
public record SelfSignedCertificate(
    Path certificateFile, Path privateKeyFile, X509Certificate certificate) {

  private static final String ALIAS = "admission-gateway";
  private static final char[] STORE_PASSWORD = "benchmark-only".toCharArray();

  /** Makes the certificate and key in {@code directory}. */
  public static SelfSignedCertificate create(Path directory) {
    Path store = directory.resolve("gateway.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "2",
            "-dname",
            "CN=admission-gateway.palisade.svc",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            new String(STORE_PASSWORD),
            "-keypass",
            new String(STORE_PASSWORD));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool could not make a certificate: " + output);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, STORE_PASSWORD);
      }
      X509Certificate certificate = (X509Certificate) keys.getCertificate(ALIAS);
      Key key = keys.getKey(ALIAS, STORE_PASSWORD);
      Path certificateFile = directory.resolve("tls.crt");
      Path keyFile = directory.resolve("tls.key");
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new SelfSignedCertificate(certificateFile, keyFile, certificate);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the benchmark's certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making the benchmark's certificate", e);
    }
  }

  /** A TLS client context that trusts this certificate only. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("gateway", certificate);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
