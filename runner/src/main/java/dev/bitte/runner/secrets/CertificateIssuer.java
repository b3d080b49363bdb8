package dev.bitte.runner.secrets;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issues ECDSA P-256 certificates: a self-signed CA and leaf certificates it signs, with the
 * extensions Consul, Nomad and Vault check (SANs, key usage, serverAuth/clientAuth).
 */
public final class CertificateIssuer {
  private static final String EC_PUBLIC_KEY_SHA256 = "1.2.840.10045.4.3.2";
  private static final String CN = "2.5.4.3";
  private static final String O = "2.5.4.10";
  private static final String SKI = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SAN = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String AKI = "2.5.29.35";
  private static final String EKU = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final SecureRandom random;

  public CertificateIssuer(SecureRandom random) {
    this.random = random;
  }

  /** A key pair with its certificate. */
  public record Issued(KeyPair keys, X509Certificate certificate) {}

  public KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no EC P-256 key generator", e);
    }
  }

  public Issued selfSignedCa(String commonName, String organization, ZonedDateTime notBefore, ZonedDateTime notAfter) {
    KeyPair keys = newKeyPair();
    byte[] name = name(commonName, organization);
    List<byte[]> ext = new ArrayList<>();
    ext.add(extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))));
    ext.add(extension(KEY_USAGE, true, Der.namedBits(0, 5, 6))); // digitalSignature, keyCertSign, cRLSign
    ext.add(extension(SKI, false, Der.octetString(keyId(keys.getPublic()))));
    return new Issued(keys, sign(name, name, keys.getPublic(), keys.getPrivate(), notBefore, notAfter, ext));
  }

  /**
   * A leaf certificate signed by {@code ca}.
   *
   * @param dnsNames DNS SANs (wildcards allowed)
   * @param ips IP SANs (literal IPv4/IPv6 addresses)
   */
  public Issued leaf(Issued ca, String commonName, String organization, List<String> dnsNames, List<String> ips,
      boolean serverAuth, ZonedDateTime notBefore, ZonedDateTime notAfter) {
    KeyPair keys = newKeyPair();
    List<byte[]> names = new ArrayList<>();
    for (String d : dnsNames) {
      names.add(Der.implicitPrimitive(2, d.getBytes(StandardCharsets.US_ASCII)));
    }
    for (String ip : ips) {
      names.add(Der.implicitPrimitive(7, ipBytes(ip)));
    }
    List<byte[]> ext = new ArrayList<>();
    ext.add(extension(BASIC_CONSTRAINTS, true, Der.sequence()));
    ext.add(extension(KEY_USAGE, true, Der.namedBits(0, 2))); // digitalSignature, keyEncipherment
    ext.add(extension(EKU, false, serverAuth ? Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH)) : Der.sequence(Der.oid(CLIENT_AUTH))));
    if (!names.isEmpty()) {
      ext.add(extension(SAN, false, Der.sequence(names.toArray(byte[][]::new))));
    }
    ext.add(extension(SKI, false, Der.octetString(keyId(keys.getPublic()))));
    ext.add(extension(AKI, false, Der.sequence(Der.implicitPrimitive(0, keyId(ca.certificate().getPublicKey())))));
    byte[] issuer = ca.certificate().getSubjectX500Principal().getEncoded();
    return new Issued(keys, sign(issuer, name(commonName, organization), keys.getPublic(), ca.keys().getPrivate(), notBefore, notAfter, ext));
  }

  private X509Certificate sign(byte[] issuer, byte[] subject, PublicKey subjectKey, PrivateKey signer,
      ZonedDateTime notBefore, ZonedDateTime notAfter, List<byte[]> extensions) {
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    serial[0] &= 0x7F;
    serial[0] |= 0x01; // positive and never a short (or zero) serial
    byte[] algorithm = Der.sequence(Der.oid(EC_PUBLIC_KEY_SHA256));
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.valueOf(2))),
        Der.integer(new BigInteger(1, serial)),
        algorithm,
        issuer,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        subject,
        subjectKey.getEncoded(),
        Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(signer, random);
      s.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(s.sign()));
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate for " + Arrays.toString(subject), e);
    }
  }

  private static byte[] name(String commonName, String organization) {
    return Der.sequence(
        Der.set(Der.sequence(Der.oid(O), Der.utf8(organization))),
        Der.set(Der.sequence(Der.oid(CN), Der.utf8(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value)) : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
  private static byte[] keyId(PublicKey key) {
    try {
      byte[] spki = key.getEncoded();
      // The BIT STRING is the last element of SubjectPublicKeyInfo; for EC P-256 it is the last 66 bytes (tag, len, pad, 65-byte point).
      int bitStringContent = spki.length - 65;
      return MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(spki, bitStringContent, spki.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ipBytes(String ip) {
    if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new IllegalArgumentException("not an IP address literal: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }
}
