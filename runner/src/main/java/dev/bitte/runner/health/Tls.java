package dev.bitte.runner.health;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.secrets.SecretFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts from PEM files, the way the nomad/consul CLIs take them (CA cert, client cert, PKCS#8 key). */
public final class Tls {
  private Tls() {}

  /**
   * @param caCert PEM CA bundle to trust (null: the JDK's default trust)
   * @param clientCert PEM client certificate (null: none)
   * @param clientKey its PKCS#8 PEM key
   */
  public static SSLContext context(Path caCert, Path clientCert, Path clientKey) {
    try {
      TrustManagerFactory tmf = null;
      if (caCert != null) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(caCert)) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (clientCert != null && clientKey != null) {
        byte[] der = SecretFiles.unpem(Files.readString(clientKey, StandardCharsets.UTF_8));
        PrivateKey key = privateKey(der);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "bitte".toCharArray();
        ks.setKeyEntry("client", key, pw, certificates(clientCert).toArray(Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new BitteException("cannot set up TLS with CA " + caCert + (clientCert == null ? "" : " and client certificate " + clientCert),
          e.toString(), "check the PEM files (the key must be PKCS#8, \"BEGIN PRIVATE KEY\")");
    }
  }

  private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> cs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
    if (cs.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + pem);
    }
    return new ArrayList<>(cs);
  }
}
