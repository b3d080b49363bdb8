package dev.bitte.processor.emit.nixos;

import dev.bitte.processor.plan.FleetPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime files the NixOS modules read secrets (and per-cluster certificates) from. They
 * live under {@link FleetPlan#SECRETS_DIR}, owned by root with mode 0600 (the CA certificate
 * 0644), are placed on the host by the runner before the services start, and are referenced only
 * as strings: never as Nix paths, which would copy them into the world-readable Nix store.
 *
 * <p>A file read by a service that runs as its own user (Consul, Vault, Grafana, HAProxy) reaches
 * it through systemd's {@code LoadCredential=}: systemd, as root, copies the file into
 * {@code /run/credentials/<unit>.service/<key>}, readable by that service alone, and the module
 * names that path. Files read by root (the Nomad agent) or by systemd itself (an
 * {@code EnvironmentFile}) are named directly.
 *
 * @param key the name templates use ({@code secrets.consulCert}) and the credential's id
 * @param path the absolute path on the host
 * @param roles which hosts need it: {@code all}, {@code server}, {@code monitoring}, {@code routing}, {@code client}
 * @param reader the systemd service (without {@code .service}) whose unprivileged process reads
 *     it through a credential, or empty when root, systemd or anyone reads the file itself
 */
public record SecretFiles(String key, String path, List<String> roles, String reader, String description) {
  private static final String DIR = FleetPlan.SECRETS_DIR;
  /** systemd's directory of a service's credentials: {@code $CREDENTIALS_DIRECTORY} is {@code <this>/<unit>}. */
  public static final String CREDENTIALS_DIR = "/run/credentials";

  public static final List<SecretFiles> ALL = List.of(
      new SecretFiles("ca", DIR + "/tls/ca.pem", List.of("all"), "", "the cluster's CA certificate (PEM, world-readable)"),
      new SecretFiles("consulCert", DIR + "/tls/consul.pem", List.of("all"), "consul", "Consul agent certificate; servers: SAN server.<dc>.consul"),
      new SecretFiles("consulKey", DIR + "/tls/consul-key.pem", List.of("all"), "consul", "Consul agent private key"),
      new SecretFiles("consulSecrets", DIR + "/consul/secrets.json", List.of("all"), "consul",
          "Consul config fragment: {\"encrypt\": gossip key, \"acl\": {\"tokens\": {\"agent\": ..., \"default\": ...}}}"),
      new SecretFiles("nomadCert", DIR + "/tls/nomad.pem", List.of("server", "client"), "", "Nomad certificate; SAN server.<region>.nomad or client.<region>.nomad"),
      new SecretFiles("nomadKey", DIR + "/tls/nomad-key.pem", List.of("server", "client"), "", "Nomad private key"),
      new SecretFiles("nomadSecrets", DIR + "/nomad/secrets.hcl", List.of("server", "client"), "",
          "Nomad config fragment: server { encrypt = gossip key } and consul { token = ... }"),
      new SecretFiles("vaultCert", DIR + "/tls/vault.pem", List.of("server"), "vault", "Vault listener certificate; SANs: the server's IP, vault.service.consul"),
      new SecretFiles("vaultKey", DIR + "/tls/vault-key.pem", List.of("server"), "vault", "Vault listener private key"),
      new SecretFiles("vaultEnv", DIR + "/vault/vault.env", List.of("server"), "",
          "environment file (read by systemd): VAULT_AWSKMS_SEAL_KEY_ID (the bootstrap workspace's KMS key) and CONSUL_HTTP_TOKEN"),
      new SecretFiles("grafanaAdminPassword", DIR + "/grafana/admin-password", List.of("monitoring"), "grafana", "Grafana admin password"),
      new SecretFiles("grafanaSecretKey", DIR + "/grafana/secret-key", List.of("monitoring"), "grafana", "Grafana secret_key (signs cookies, encrypts data source secrets)"),
      new SecretFiles("ingressCert", DIR + "/tls/ingress.pem", List.of("routing"), "haproxy", "certificate and private key of *.<domain>, concatenated for HAProxy"));

  /**
   * The credential's id: the key with the file's extension ({@code consulSecrets.json}), since
   * programs pick a config file's format by it (Consul refuses a config file that does not end in
   * {@code .json} or {@code .hcl}).
   */
  public String credentialId() {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? key : key + name.substring(dot);
  }

  /** The path the reading process opens: its credential when it has a {@link #reader}, else the file. */
  public String readPath() {
    return reader.isEmpty() ? path : CREDENTIALS_DIR + "/" + reader + ".service/" + credentialId();
  }

  /** key → the path the reading process opens ({@link #readPath}), for templates. */
  public static Map<String, String> paths() {
    Map<String, String> out = new LinkedHashMap<>();
    ALL.forEach(s -> out.put(s.key(), s.readPath()));
    return out;
  }

  /** service → its {@code LoadCredential=} entries ({@code key:path}), in {@link #ALL}'s order, for templates. */
  public static Map<String, List<String>> credentials() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (SecretFiles s : ALL) {
      if (!s.reader().isEmpty()) {
        out.computeIfAbsent(s.reader(), k -> new ArrayList<>()).add(s.credentialId() + ":" + s.path());
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }
}
