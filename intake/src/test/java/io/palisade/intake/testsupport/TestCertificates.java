package io.palisade.intake.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time, so that none is committed: a CA, server certificates for {@code
 * 127.0.0.1} / {@code localhost} and client certificates it signs, written as the PEM files a
 * service is configured with, and client {@link SSLContext}s that trust a CA and present a client
 * certificate. EC P-256 keys, because they are generated in milliseconds.
 */
public final class TestCertificates {

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

  private TestCertificates() {}

  /** A certificate and its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {

    /** Writes the certificate and key as PEM, each replaced atomically. */
    public void writePem(Path certificateFile, Path keyFile) {
      writeAtomically(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      writeAtomically(certificateFile, pem(certificate));
    }

    /** A key manager that always presents this certificate, whatever the server asks for. */
    public KeyManager[] keyManagers() {
      return new KeyManager[] {new FixedKeyManager(this)};
    }
  }

  /** A certificate authority that issues server and client certificates. */
  public static final class Authority {
    private final X509Certificate certificate;
    private final PrivateKey key;

    private Authority(X509Certificate certificate, PrivateKey key) {
      this.certificate = certificate;
      this.key = key;
    }

    public X509Certificate certificate() {
      return certificate;
    }

    public void writePem(Path file) {
      writeAtomically(file, pem(certificate));
    }

    /** A server certificate valid for 127.0.0.1 and localhost. */
    public Issued server(String commonName) {
      return issue(commonName, KeyPurposeId.id_kp_serverAuth, true);
    }

    public Issued client(String commonName) {
      return issue(commonName, KeyPurposeId.id_kp_clientAuth, false);
    }

    private Issued issue(String commonName, KeyPurposeId purpose, boolean loopbackNames) {
      KeyPair pair = keyPair();
      try {
        JcaX509v3CertificateBuilder builder = builder(certificate, commonName, pair);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (loopbackNames) {
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                  }));
        }
        return new Issued(sign(builder, key), pair.getPrivate(), certificate);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * An empty directory {@code target/test-tls/<name>} for the PEM files of a test. A fixed path,
   * because TLS settings must be known when the environment is prepared, before
   * {@code @DynamicPropertySource} values exist: tests name it in their properties.
   */
  public static Path directory(String name) {
    Path directory = Path.of("target", "test-tls", name);
    try {
      if (Files.exists(directory)) {
        try (var files = Files.list(directory)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
      }
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new self-signed CA. */
  public static Authority authority(String commonName) {
    KeyPair pair = keyPair();
    try {
      JcaX509v3CertificateBuilder builder = builder(null, commonName, pair);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Authority(sign(builder, pair.getPrivate()), pair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client context that trusts {@code trusted} and presents {@code client}, if not null. */
  public static SSLContext clientContext(X509Certificate trusted, KeyManager[] client) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", trusted);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(client, trustManagers.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Key managers as a well-behaved client has them: the JDK's, which present the certificate only
   * when the server asks for one of its issuer's.
   */
  public static KeyManager[] standardKeyManagers(Issued client) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = "test".toCharArray();
      keys.setKeyEntry(
          "client",
          client.key(),
          password,
          new X509Certificate[] {client.certificate(), client.issuer()});
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JcaX509v3CertificateBuilder builder(
      X509Certificate issuer, String commonName, KeyPair pair) {
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + commonName + ",O=Palisade tests");
    X500Name issuerName =
        issuer == null
            ? subject
            : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    return new JcaX509v3CertificateBuilder(
        issuerName,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(X509Certificate certificate) {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
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

  private static void writeAtomically(Path file, String content) {
    try {
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".pem", ".tmp");
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Presents its certificate even to a server that asks for another CA's. */
  private static final class FixedKeyManager extends X509ExtendedKeyManager
      implements X509KeyManager {
    private final Issued issued;

    FixedKeyManager(Issued issued) {
      this.issued = issued;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyType, Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return "client";
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return new X509Certificate[] {issued.certificate(), issued.issuer()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return issued.key();
    }
  }
}
