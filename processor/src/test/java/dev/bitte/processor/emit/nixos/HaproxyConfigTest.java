package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.eval;

import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing node's HAProxy configuration, as Nix evaluates it (with no ingress service and with
 * two), passes {@code haproxy -c}, HAProxy's own configuration check, once the runtime
 * certificate it names exists (a throw-away self-signed one here).
 */
class HaproxyConfigTest {
  @TempDir Path dir;

  /** As nixos/modules/services/networking/haproxy.nix writes haproxy.conf around services.haproxy.config. */
  static String haproxyConf(String config) {
    return "global\n"
        + "  # needed for hot-reload to work without dropping packets in multi-worker mode\n"
        + "  stats socket /run/haproxy/haproxy.sock mode 600 expose-fd listeners level user\n"
        + "\n" + config;
  }

  void check(String services) throws IOException {
    // Debian installs haproxy in /usr/sbin, which is not on a normal user's PATH.
    Path sbin = Path.of("/usr/sbin/haproxy");
    Path haproxy = Tools.findOnPath("haproxy").orElseGet(() -> Files.isExecutable(sbin) ? sbin : Tools.requireTool("haproxy"));
    Path openssl = Tools.requireTool("openssl");
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Tools.Result gen = Tools.run(List.of(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=*.testnet.example.com"),
        dir, Map.of(), Duration.ofSeconds(30));
    assertWithMessage(gen.stderr()).that(gen.ok()).isTrue();
    Path ingress = dir.resolve("ingress.pem");
    Files.writeString(ingress, Files.readString(cert) + Files.readString(key));

    String config = eval("(import ./modules/routing.nix (s.args { bitte.ingress.services = " + services + "; })).config.services.haproxy.config").asText();
    String secret = NixosWriterTest.credential("haproxy", "ingressCert.pem");
    assertThat(config).contains(secret);
    Path conf = dir.resolve("haproxy.conf");
    Files.writeString(conf, haproxyConf(config.replace(secret, ingress.toString())));
    Tools.Result r = Tools.run(List.of(haproxy.toString(), "-c", "-f", conf.toString()), dir, Map.of(), Duration.ofSeconds(30));
    assertWithMessage("haproxy -c:\n%s\n%s\n%s", r.stdout(), r.stderr(), Files.readString(conf)).that(r.ok()).isTrue();
  }

  @Test
  void withoutIngressServicesTheConfigurationIsValid() throws IOException {
    check("[ ]");
  }

  @Test
  void withIngressServicesTheConfigurationIsValid() throws IOException {
    check("[ \"web\" \"api\" ]");
  }
}
