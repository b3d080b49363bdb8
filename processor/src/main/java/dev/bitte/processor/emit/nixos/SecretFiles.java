package dev.bitte.processor.emit.nixos;

import dev.bitte.processor.plan.FleetPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime files the NixOS modules read secrets (and per-cluster certificates) from. They
 * live under {@link FleetPlan#SECRETS_DIR}, are placed on the host by the runner before the
 * services start, and are referenced only as strings: never as Nix paths, which would copy them
 * into the world-readable Nix store.
 *
 * @param key the name templates use ({@code secrets.consulCert})
 * @param path the absolute path on the host
 * @param roles which hosts need it: {@code all}, {@code server}, {@code monitoring}, {@code routing}, {@code client}
 */
public record SecretFiles(String key, String path, List<String> roles, String description) {
  private static final String DIR = FleetPlan.SECRETS_DIR;

  public static final List<SecretFiles> ALL = List.of(
      new SecretFiles("ca", DIR + "/tls/ca.pem", List.of("all"), "the cluster's CA certificate (PEM)"),
      new SecretFiles("consulCert", DIR + "/tls/consul.pem", List.of("all"), "Consul agent certificate; servers: SAN server.<dc>.consul"),
      new SecretFiles("consulKey", DIR + "/tls/consul-key.pem", List.of("all"), "Consul agent private key"),
      new SecretFiles("consulSecrets", DIR + "/consul/secrets.json", List.of("all"),
          "Consul config fragment: {\"encrypt\": gossip key, \"acl\": {\"tokens\": {\"agent\": ..., \"default\": ...}}}"),
      new SecretFiles("nomadCert", DIR + "/tls/nomad.pem", List.of("server", "client"), "Nomad certificate; SAN server.<region>.nomad or client.<region>.nomad"),
      new SecretFiles("nomadKey", DIR + "/tls/nomad-key.pem", List.of("server", "client"), "Nomad private key"),
      new SecretFiles("nomadSecrets", DIR + "/nomad/secrets.hcl", List.of("server", "client"),
          "Nomad config fragment: server { encrypt = gossip key } and consul { token = ... }"),
      new SecretFiles("vaultCert", DIR + "/tls/vault.pem", List.of("server"), "Vault listener certificate; SANs: the server's IP, vault.service.consul"),
      new SecretFiles("vaultKey", DIR + "/tls/vault-key.pem", List.of("server"), "Vault listener private key"),
      new SecretFiles("vaultEnv", DIR + "/vault/vault.env", List.of("server"),
          "environment file: VAULT_AWSKMS_SEAL_KEY_ID (the bootstrap workspace's KMS key) and CONSUL_HTTP_TOKEN"),
      new SecretFiles("grafanaAdminPassword", DIR + "/grafana/admin-password", List.of("monitoring"), "Grafana admin password"),
      new SecretFiles("grafanaSecretKey", DIR + "/grafana/secret-key", List.of("monitoring"), "Grafana secret_key (signs cookies, encrypts data source secrets)"),
      new SecretFiles("ingressCert", DIR + "/tls/ingress.pem", List.of("routing"), "certificate and private key of *.<domain>, concatenated for HAProxy"));

  /** key → path, for templates. */
  public static Map<String, String> paths() {
    Map<String, String> out = new LinkedHashMap<>();
    ALL.forEach(s -> out.put(s.key(), s.path()));
    return out;
  }
}
