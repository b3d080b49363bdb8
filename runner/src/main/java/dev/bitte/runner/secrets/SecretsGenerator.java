package dev.bitte.runner.secrets;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.Env;
import dev.bitte.runner.artifacts.Manifest;
import dev.bitte.runner.state.StateDir;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * {@code bitte secrets}: the cluster's CA, a certificate per core node and per client group, an
 * operator certificate, the Consul and Nomad gossip keys and ACL bootstrap tokens. Written to the
 * local secrets folder ({@code <state>/secrets} unless --secrets-dir), never to the artifact
 * folder. Existing files are kept, so rerunning is safe; {@code reissue} renews the leaf
 * certificates (e.g. after core addresses changed) with the existing CA.
 */
public final class SecretsGenerator {
  /** Nomad's region; its servers' certificates must name {@code server.<region>.nomad}. */
  public static final String NOMAD_REGION = "global";

  public static final String CA = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String CONSUL_GOSSIP = "consul-gossip.key";
  public static final String NOMAD_GOSSIP = "nomad-gossip.key";
  public static final String CONSUL_TOKEN = "consul-acl-bootstrap.token";
  public static final String NOMAD_TOKEN = "nomad-acl-bootstrap.token";
  /** The Consul agents' default token (policy bitte-dns): Consul DNS under default-deny. */
  public static final String CONSUL_DNS_TOKEN = "consul-dns.token";
  /** The Nomad servers' Consul token (policy bitte-nomad). */
  public static final String CONSUL_NOMAD_TOKEN = "consul-nomad.token";
  /** Vault's Consul token for its service registration (policy bitte-vault). */
  public static final String CONSUL_VAULT_TOKEN = "consul-vault.token";
  /** The client groups' Consul agent token (policy bitte-client-agent: their node names are not known in advance). */
  public static final String CONSUL_CLIENT_AGENT_TOKEN = "consul-client-agent.token";
  /** The Nomad clients' Consul token (policy bitte-nomad-client). */
  public static final String CONSUL_NOMAD_CLIENT_TOKEN = "consul-nomad-client.token";

  /** A core node's Consul agent token (a node identity), by node name. */
  public static String consulAgentToken(String node) {
    return "consul-agent/" + node + ".token";
  }
  public static final String CLI = "cli.pem";
  public static final String CLI_KEY = "cli-key.pem";
  public static final String INGRESS = "ingress.pem";
  public static final String INGRESS_KEY = "ingress-key.pem";
  public static final String GRAFANA_PASSWORD = "grafana-admin-password";
  public static final String GRAFANA_SECRET_KEY = "grafana-secret-key";

  private final Env env;
  private final Console console;
  private final SecureRandom random;

  public SecretsGenerator(Env env, Console console, SecureRandom random) {
    this.env = env;
    this.console = console;
    this.random = random;
  }

  /** A certificate to issue: its file stem (relative to the secrets folder) and names. */
  public record CertSpec(String file, String commonName, List<String> dns, List<String> ips, boolean server) {
    /** Every agent also serves TLS (HTTPS APIs, Vault's listener, the ingress); only the operator's certificate is client-only. */
    public boolean serverAuth() {
      return !file.equals("cli");
    }
  }

  /** The certificates the fleet needs, with SANs derived from the manifest and the core outputs. */
  public static List<CertSpec> certificates(Manifest m, StateDir state) {
    List<CertSpec> out = new ArrayList<>();
    String dc = m.primaryRegion();
    for (Manifest.CoreNode n : m.coreNodes()) {
      LinkedHashSet<String> dns = new LinkedHashSet<>();
      dns.add(n.name());
      if (!m.domain().isEmpty()) {
        dns.add(n.name() + "." + m.domain());
      }
      dns.add(n.name() + ".node." + dc + ".consul");
      if (n.server()) {
        dns.add("server." + dc + ".consul");
        dns.add("server." + NOMAD_REGION + ".nomad");
        dns.add("*.service.consul");
        dns.add("*.vault.service.consul");
      } else {
        dns.add("client." + NOMAD_REGION + ".nomad");
      }
      dns.add("localhost");
      LinkedHashSet<String> ips = new LinkedHashSet<>();
      ips.add(n.privateIp());
      String addr = state.nodeAddress(n.name(), n.privateIp());
      if (addr.matches("[0-9.]+")) {
        ips.add(addr);
      }
      ips.add("127.0.0.1");
      out.add(new CertSpec("nodes/" + n.name(), n.name(), List.copyOf(dns), List.copyOf(ips), n.server()));
    }
    for (Manifest.ClientGroup g : m.clientGroups()) {
      out.add(new CertSpec("groups/" + g.name(), g.name(),
          List.of(g.name(), "client." + NOMAD_REGION + ".nomad", "localhost"), List.of("127.0.0.1"), false));
    }
    out.add(new CertSpec("cli", "bitte-cli", List.of("cli." + NOMAD_REGION + ".nomad"), List.of(), false));
    if (!m.domain().isEmpty()) {
      // The routing nodes' HTTPS ingress; signed by the cluster CA (replace it with a public one for browsers).
      out.add(new CertSpec("ingress", "*." + m.domain(), List.of("*." + m.domain(), m.domain()), List.of(), true));
    }
    return out;
  }

  public void generate(Manifest m, StateDir state, boolean reissue) {
    Path dir = state.secrets();
    String org = "bitte " + m.clusterName();
    console.action("secrets folder " + env.show(dir) + " (0700; files 0600; never in the artifact folder)");
    if (!console.dryRun()) {
      SecretFiles.mkdirs(dir);
    }
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).minusHours(1);
    CertificateIssuer issuer = new CertificateIssuer(random);

    CertificateIssuer.Issued ca = null;
    boolean newCa = !Files.exists(dir.resolve(CA));
    if (newCa) {
      console.action("generate CA " + CA + ", " + CA_KEY + " (ECDSA P-256, 10 years, CN=" + org + " CA)");
      if (!console.dryRun()) {
        ca = issuer.selfSignedCa(org + " CA", org, now, now.plusYears(10));
        SecretFiles.write(dir.resolve(CA_KEY), SecretFiles.pem("PRIVATE KEY", ca.keys().getPrivate().getEncoded()));
        SecretFiles.write(dir.resolve(CA), pem(ca.certificate()));
      }
    } else if (!console.dryRun()) {
      ca = loadCa(dir);
    }
    for (CertSpec c : certificates(m, state)) {
      Path cert = dir.resolve(c.file() + ".pem");
      if (Files.exists(cert) && !reissue && !newCa) {
        continue;
      }
      console.action("issue " + c.file() + ".pem, " + c.file() + "-key.pem (" + (c.serverAuth() ? "server+client" : "client")
          + " auth; DNS " + String.join(",", c.dns()) + (c.ips().isEmpty() ? "" : "; IP " + String.join(",", c.ips())) + ")");
      if (!console.dryRun()) {
        CertificateIssuer.Issued leaf = issuer.leaf(ca, c.commonName(), org, c.dns(), c.ips(),
            c.serverAuth(), now, now.plusYears(2));
        SecretFiles.write(dir.resolve(c.file() + "-key.pem"), SecretFiles.pem("PRIVATE KEY", leaf.keys().getPrivate().getEncoded()));
        SecretFiles.write(cert, pem(leaf.certificate()));
      }
    }
    for (String gossip : List.of(CONSUL_GOSSIP, NOMAD_GOSSIP)) {
      if (!Files.exists(dir.resolve(gossip))) {
        console.action("generate " + gossip + " (32 random bytes, base64)");
        if (!console.dryRun()) {
          byte[] key = new byte[32];
          random.nextBytes(key);
          SecretFiles.write(dir.resolve(gossip), Base64.getEncoder().encodeToString(key) + "\n");
        }
      }
    }
    for (String password : List.of(GRAFANA_PASSWORD, GRAFANA_SECRET_KEY)) {
      if (!Files.exists(dir.resolve(password))) {
        console.action("generate " + password + " (32 random bytes, base64url)");
        if (!console.dryRun()) {
          byte[] key = new byte[32];
          random.nextBytes(key);
          SecretFiles.write(dir.resolve(password), Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        }
      }
    }
    // SecretIDs only: deploy-core makes the Consul tokens with them once the servers have a
    // leader (ConsulAcl), so each agent and service gets a token of its own, not the management one.
    List<String> tokens = new java.util.ArrayList<>(List.of(CONSUL_TOKEN, NOMAD_TOKEN, CONSUL_DNS_TOKEN, CONSUL_NOMAD_TOKEN, CONSUL_VAULT_TOKEN));
    if (!m.clientGroups().isEmpty()) {
      tokens.addAll(List.of(CONSUL_CLIENT_AGENT_TOKEN, CONSUL_NOMAD_CLIENT_TOKEN));
    }
    m.coreNodes().forEach(n -> tokens.add(consulAgentToken(n.name())));
    for (String token : tokens) {
      if (!Files.exists(dir.resolve(token))) {
        console.action("generate " + token + " (random UUID)");
        if (!console.dryRun()) {
          SecretFiles.write(dir.resolve(token), randomUuid() + "\n");
        }
      }
    }
  }

  private String randomUuid() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0F) | 0x40);
    b[8] = (byte) ((b[8] & 0x3F) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xFF);
      lo = (lo << 8) | (b[i + 8] & 0xFF);
    }
    return new UUID(hi, lo).toString();
  }

  private static String pem(X509Certificate c) {
    try {
      return SecretFiles.pem("CERTIFICATE", c.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the CA (certificate and PKCS#8 key) back from the secrets folder. */
  public static CertificateIssuer.Issued loadCa(Path dir) {
    try {
      X509Certificate cert = readCertificate(dir.resolve(CA));
      byte[] key = SecretFiles.unpem(Files.readString(dir.resolve(CA_KEY), StandardCharsets.UTF_8));
      var priv = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key));
      return new CertificateIssuer.Issued(new KeyPair(cert.getPublicKey(), priv), cert);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new BitteException("cannot read the cluster CA from " + dir, e.toString(),
          "restore " + CA + " and " + CA_KEY + " from your backup; generating a new CA means redeploying every node");
    }
  }

  public static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }
}
