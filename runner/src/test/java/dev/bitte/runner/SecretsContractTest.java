package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT tests of {@code bitte secrets}: the certificates parse with the JDK's
 * CertificateFactory, chain to the CA and carry the SANs derived from the manifest; every file is
 * 0600 in 0700 folders; nothing secret reaches the artifact folder. Where openssl is installed,
 * it verifies the chain too.
 */
class SecretsContractTest {
  @TempDir Path tmp;
  Path secrets;
  Map<String, String> env;

  @BeforeEach
  void generate() throws IOException {
    Fixture.write(tmp.resolve("build/test-fleet"));
    env = Cli.env(null, null);
    Cli.Result r = Cli.run(tmp, env, "secrets", "build/test-fleet");
    assertEquals(0, r.code(), r.all());
    secrets = tmp.resolve(".bitte/test-fleet/secrets");
  }

  static X509Certificate cert(Path p) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(p)));
  }

  static Map<Integer, List<String>> sans(X509Certificate c) throws Exception {
    Map<Integer, List<String>> out = new HashMap<>();
    for (List<?> san : c.getSubjectAlternativeNames()) {
      out.computeIfAbsent((Integer) san.get(0), k -> new ArrayList<>()).add((String) san.get(1));
    }
    return out;
  }

  @Test
  void contract_serverCertificateCarriesTheDerivedNamesAndChainsToTheCa() throws Exception {
    X509Certificate ca = cert(secrets.resolve("ca.pem"));
    assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
    ca.verify(ca.getPublicKey());
    X509Certificate core1 = cert(secrets.resolve("nodes/core-1.pem"));
    core1.verify(ca.getPublicKey());
    core1.checkValidity();
    assertEquals(-1, core1.getBasicConstraints(), "a leaf is not a CA");
    assertEquals(ca.getSubjectX500Principal(), core1.getIssuerX500Principal());
    assertTrue(core1.getSubjectX500Principal().getName().contains("CN=core-1"));
    Map<Integer, List<String>> sans = sans(core1);
    assertEquals(List.of("core-1", "core-1.test.example.com", "core-1.node.eu-central-1.consul", "server.eu-central-1.consul",
        "server.global.nomad", "*.service.consul", "*.vault.service.consul", "localhost"), sans.get(2));
    assertEquals(List.of("10.0.0.10", "127.0.0.1"), sans.get(7));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), core1.getExtendedKeyUsage());
    assertTrue(core1.getKeyUsage()[0] && core1.getKeyUsage()[2] && !core1.getKeyUsage()[5]);
    assertTrue(core1.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.15", "2.5.29.19")));
  }

  @Test
  void contract_nonServersAndClientsCannotClaimServerNames() throws Exception {
    X509Certificate ca = cert(secrets.resolve("ca.pem"));
    for (String f : List.of("nodes/routing.pem", "groups/clients-eu.pem", "cli.pem")) {
      X509Certificate c = cert(secrets.resolve(f));
      c.verify(ca.getPublicKey());
      List<String> dns = sans(c).get(2);
      assertFalse(dns.stream().anyMatch(d -> d.startsWith("server.") || d.contains("service.consul")), f + ": " + dns);
    }
    assertTrue(sans(cert(secrets.resolve("groups/clients-eu.pem"))).get(2).contains("client.global.nomad"));
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert(secrets.resolve("cli.pem")).getExtendedKeyUsage());
  }

  @Test
  void contract_keysMatchTheirCertificates() throws Exception {
    X509Certificate c = cert(secrets.resolve("nodes/core-2.pem"));
    String pem = Files.readString(secrets.resolve("nodes/core-2-key.pem"));
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(c.getPublicKey());
    s.update(new byte[] {1, 2, 3});
    assertTrue(s.verify(sig));
  }

  @Test
  void contract_gossipKeysAndTokensHaveTheRightShape() throws IOException {
    for (String k : List.of("consul-gossip.key", "nomad-gossip.key")) {
      assertEquals(32, Base64.getDecoder().decode(Files.readString(secrets.resolve(k)).strip()).length, k);
    }
    String a = Files.readString(secrets.resolve("consul-acl-bootstrap.token")).strip();
    String b = Files.readString(secrets.resolve("nomad-acl-bootstrap.token")).strip();
    assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), a);
    assertNotEquals(a, b);
  }

  @Test
  void contract_everyFileIs0600AndEveryFolder0700() throws IOException {
    try (Stream<Path> walk = Files.walk(secrets)) {
      List<Path> all = walk.toList();
      assertTrue(all.size() > 15, all.toString());
      for (Path p : all) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
      }
    }
  }

  @Test
  void contract_nothingSecretIsInTheArtifactFolder() throws IOException {
    List<String> secretValues = new ArrayList<>();
    for (String f : List.of("consul-gossip.key", "nomad-gossip.key", "consul-acl-bootstrap.token", "nomad-acl-bootstrap.token")) {
      secretValues.add(Files.readString(secrets.resolve(f)).strip());
    }
    try (Stream<Path> walk = Files.walk(tmp.resolve("build/test-fleet"))) {
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      assertEquals(Fixture.files().size() + 1, files.size(), "no file was added");
      for (Path f : files) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertFalse(text.contains("PRIVATE KEY") || text.contains("CERTIFICATE"), f.toString());
        for (String s : secretValues) {
          assertFalse(text.contains(s), f + " holds a secret");
        }
      }
    }
  }

  @Test
  void contract_rerunKeepsExistingSecretsAndReissueKeepsTheCa() throws Exception {
    String token = Files.readString(secrets.resolve("nomad-acl-bootstrap.token"));
    byte[] core1 = Files.readAllBytes(secrets.resolve("nodes/core-1.pem"));
    byte[] ca = Files.readAllBytes(secrets.resolve("ca.pem"));
    Files.delete(secrets.resolve("nodes/core-3.pem"));
    Cli.Result r = Cli.run(tmp, env, "secrets", "build/test-fleet");
    assertEquals(0, r.code(), r.all());
    assertEquals(token, Files.readString(secrets.resolve("nomad-acl-bootstrap.token")));
    assertTrue(java.util.Arrays.equals(core1, Files.readAllBytes(secrets.resolve("nodes/core-1.pem"))), "kept");
    assertTrue(Files.exists(secrets.resolve("nodes/core-3.pem")), "the missing one was issued");
    cert(secrets.resolve("nodes/core-3.pem")).verify(cert(secrets.resolve("ca.pem")).getPublicKey());
    assertTrue(r.out().contains("issue nodes/core-3.pem") && !r.out().contains("issue nodes/core-1.pem"), r.out());

    // a public address from the core outputs joins the SANs on reissue
    Path outputs = tmp.resolve(".bitte/test-fleet/outputs/core.json");
    Files.createDirectories(outputs.getParent());
    Files.writeString(outputs, "{\"public_ips\":{\"sensitive\":false,\"value\":{\"core-1\":\"198.51.100.7\"}}}");
    assertEquals(0, Cli.run(tmp, env, "secrets", "build/test-fleet", "--reissue").code());
    assertTrue(java.util.Arrays.equals(ca, Files.readAllBytes(secrets.resolve("ca.pem"))), "the CA is kept");
    assertEquals(List.of("10.0.0.10", "198.51.100.7", "127.0.0.1"), sans(cert(secrets.resolve("nodes/core-1.pem"))).get(7));
  }

  @Test
  void realTool_opensslVerifiesTheChain() throws Exception {
    Path openssl = Stream.of("/usr/bin/openssl", "/usr/local/bin/openssl").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(openssl != null, "openssl not installed");
    Process p = new ProcessBuilder(openssl.toString(), "verify", "-CAfile", secrets.resolve("ca.pem").toString(), "-purpose", "sslserver",
        secrets.resolve("nodes/core-1.pem").toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains(": OK"), out);
    Process text = new ProcessBuilder(openssl.toString(), "x509", "-noout", "-ext", "subjectAltName", "-in",
        secrets.resolve("nodes/core-1.pem").toString()).redirectErrorStream(true).start();
    String sans = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    text.waitFor(20, TimeUnit.SECONDS);
    assertTrue(sans.contains("DNS:server.global.nomad") && sans.contains("IP Address:10.0.0.10"), sans);
    assertEquals(Set.of(), Set.of(sans.split("\n")).stream().filter(l -> l.contains("error")).collect(Collectors.toSet()));
  }
}
