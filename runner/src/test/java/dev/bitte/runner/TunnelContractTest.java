package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitte.runner.health.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT test of the default way the runner reaches the VPC-only APIs: an SSH port forward per
 * node ({@code ssh -N -L}) and mutual TLS to 127.0.0.1 with the generated CA and operator
 * certificate. The fake ssh really forwards the ports (to in-process HTTPS servers presenting the
 * generated node certificate and requiring a client certificate).
 */
class TunnelContractTest {
  @TempDir Path tmp;
  FakeCluster cluster;
  Map<String, String> env;
  Path log;

  @BeforeEach
  void setUp() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the forwarding fake ssh needs python3");
    Fixture.write(tmp.resolve("build/test-fleet"));
    Path bin = FakeTools.installAll(tmp.resolve("fakebin"));
    log = tmp.resolve("fake.log");
    env = Cli.env(bin, log);
    cluster = new FakeCluster();
  }

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void contract_deployAndJobsGoThroughSshTunnelsWithMutualTls() throws IOException {
    assertEquals(0, Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "bootstrap").code());
    assertEquals(0, Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "secrets").code());
    Path secrets = tmp.resolve(".bitte/test-fleet/secrets");
    SSLContext server = Tls.context(secrets.resolve("ca.pem"), secrets.resolve("nodes/core-1.pem"), secrets.resolve("nodes/core-1-key.pem"));
    env.put("BITTE_FAKE_FWD_8501", "127.0.0.1:" + cluster.https("/consul", server, true));
    env.put("BITTE_FAKE_FWD_4646", "127.0.0.1:" + cluster.https("/nomad", server, true));
    env.put("BITTE_FAKE_FWD_8200", "127.0.0.1:" + cluster.https("/vault", server, true));

    Cli.Result deploy = Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "deploy-core", "--health-interval", "0.05", "--health-timeout", "10");
    assertEquals(0, deploy.code(), deploy.all());
    List<String> tunnels = Files.readAllLines(log).stream().filter(l -> l.contains(" -N ")).toList();
    assertEquals(4, tunnels.size(), "one tunnel per core node: " + tunnels);
    assertTrue(tunnels.get(0).matches("ssh -o BatchMode=yes -o ExitOnForwardFailure=yes -N -L 127\\.0\\.0\\.1:\\d+:10\\.0\\.0\\.10:8501"
        + " -L 127\\.0\\.0\\.1:\\d+:10\\.0\\.0\\.10:4646 -L 127\\.0\\.0\\.1:\\d+:10\\.0\\.0\\.10:8200 root@10\\.0\\.0\\.10"), tunnels.get(0));
    assertTrue(deploy.out().contains("healthy: consul ok (leader 10.0.0.10:8300, peers 3); nomad ok"), deploy.out());
    assertTrue(deploy.out().contains("nomad ACLs: bootstrapped"), deploy.out());
    assertClosed(tunnels);

    Cli.Result jobs = Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "jobs", "--poll", "0.01");
    assertEquals(0, jobs.code(), jobs.all());
    assertEquals(2, cluster.registerBodies.size());
    assertTrue(cluster.tokens.contains(Files.readString(secrets.resolve("nomad-acl-bootstrap.token")).strip()));

    Cli.Result direct = Cli.run(tmp, env, "info", "build/test-fleet");
    assertTrue(direct.out().contains("nomad     https://10.0.0.10:4646 (through an SSH tunnel to core-1)"), direct.out());
  }

  @Test
  void contract_hydratesProvidersGoThroughTheFirstServersTunnelUnlessDirect() throws IOException {
    assertEquals(0, Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "bootstrap").code());
    assertEquals(0, Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "secrets").code());
    Files.writeString(tmp.resolve(".bitte/test-fleet/secrets/vault-root.token"), "root\n");
    Path secrets = tmp.resolve(".bitte/test-fleet/secrets");
    SSLContext server = Tls.context(secrets.resolve("ca.pem"), secrets.resolve("nodes/core-1.pem"), secrets.resolve("nodes/core-1-key.pem"));
    env.put("BITTE_FAKE_FWD_8501", "127.0.0.1:" + cluster.https("/consul", server, true));
    env.put("BITTE_FAKE_FWD_4646", "127.0.0.1:" + cluster.https("/nomad", server, true));
    env.put("BITTE_FAKE_FWD_8200", "127.0.0.1:" + cluster.https("/vault", server, true));
    Files.deleteIfExists(log);
    Cli.Result r = Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "hydrate");
    assertEquals(0, r.code(), r.all());
    List<String> lines = Files.readAllLines(log);
    String tunnel = lines.stream().filter(l -> l.contains(" -N ")).findFirst().orElseThrow();
    Matcher ports = Pattern.compile("-L 127\\.0\\.0\\.1:(\\d+):10\\.0\\.0\\.10:(\\d+)").matcher(tunnel);
    Map<String, String> local = new java.util.HashMap<>();
    while (ports.find()) {
      local.put(ports.group(2), ports.group(1));
    }
    String plan = lines.stream().filter(l -> l.contains("terraform/hydrate plan ")).findFirst().orElseThrow();
    // Consul's provider takes host:port (scheme https in the workspace); Nomad's and Vault's URLs.
    assertTrue(plan.contains(" -var consul_address=127.0.0.1:" + local.get("8501") + " -var nomad_address=https://127.0.0.1:"
        + local.get("4646") + " -var vault_address=https://127.0.0.1:" + local.get("8200")), plan + "\n" + tunnel);
    assertClosed(List.of(tunnel));

    // --direct: the first server's private IP (which its certificate carries), no tunnel.
    Files.delete(log);
    Cli.Result direct = Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "hydrate", "--direct");
    assertEquals(0, direct.code(), direct.all());
    String directLog = Files.readString(log);
    assertTrue(directLog.contains(" -var consul_address=10.0.0.10:8501 -var nomad_address=https://10.0.0.10:4646"
        + " -var vault_address=https://10.0.0.10:8200"), directLog);
    assertFalse(directLog.contains(" -N "), "no tunnel: " + directLog);
    // Addresses given with --var or TF_VAR_ win, and need no tunnel.
    Files.delete(log);
    env.put("TF_VAR_consul_address", "consul.vpn:8501");
    Cli.Result given = Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "hydrate", "--var", "vault_address=https://vault.vpn:8200",
        "--var", "nomad_address=https://nomad.vpn:4646");
    assertEquals(0, given.code(), given.all());
    String givenLog = Files.readString(log);
    assertTrue(givenLog.contains(" -var nomad_address=https://nomad.vpn:4646 -var vault_address=https://vault.vpn:8200"), givenLog);
    assertFalse(givenLog.contains("consul_address="), "terraform reads TF_VAR_ itself: " + givenLog);
    assertFalse(givenLog.contains(" -N "), "no tunnel: " + givenLog);
  }

  @Test
  void contract_withoutTheCliCertificateMutualTlsFails() throws IOException {
    assertEquals(0, Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "secrets").code());
    Path secrets = tmp.resolve(".bitte/test-fleet/secrets");
    SSLContext server = Tls.context(secrets.resolve("ca.pem"), secrets.resolve("nodes/core-1.pem"), secrets.resolve("nodes/core-1-key.pem"));
    env.put("BITTE_FAKE_FWD_4646", "127.0.0.1:" + cluster.https("/nomad", server, true));
    env.put("BITTE_FAKE_FWD_8501", env.get("BITTE_FAKE_FWD_4646"));
    env.put("BITTE_FAKE_FWD_8200", env.get("BITTE_FAKE_FWD_4646"));
    Files.delete(secrets.resolve("cli.pem"));
    Cli.Result r = Cli.run(tmp, env, "jobs", "status", "web", "-f", "build/test-fleet");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("Nomad at https://127.0.0.1:") && (r.err().contains("TLS") || r.err().contains("cannot reach")), r.err());
  }

  private static void assertClosed(List<String> tunnels) {
    Matcher m = Pattern.compile("-L 127\\.0\\.0\\.1:(\\d+):").matcher(tunnels.get(0));
    assertTrue(m.find());
    int port = Integer.parseInt(m.group(1));
    long deadline = System.currentTimeMillis() + 3000;
    boolean open = true;
    while (open && System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        Thread.onSpinWait();
      } catch (IOException e) {
        open = false;
      }
    }
    assertFalse(open, "the tunnel ends with the command");
  }
}
