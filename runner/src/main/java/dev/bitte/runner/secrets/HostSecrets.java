package dev.bitte.runner.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.artifacts.ArtifactFolder;
import dev.bitte.runner.artifacts.Manifest;
import dev.bitte.runner.state.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which runtime secret files a host gets, and their content. The list comes from the artifacts'
 * {@code nixos/secrets.json} (written by the NixOS writer: every file the modules read, with the
 * hosts that need it); without one, the same layout is assumed. Content is rendered from the
 * local secrets folder and the terraform outputs (the Vault unseal key).
 */
public final class HostSecrets {
  public static final String SPEC = "nixos/secrets.json";
  /** The bootstrap workspace's output holding the Vault auto-unseal KMS key. */
  public static final String KMS_OUTPUT = "vault_unseal_kms_key_arn";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Not secret, and read by every service: world-readable. */
  private static final Set<String> PUBLIC = Set.of("tls/ca.pem");

  /** One file on a host: its path relative to the secrets dir. */
  public record HostFile(String relative, boolean publicFile) {
    public String directory() {
      int i = relative.lastIndexOf('/');
      return i < 0 ? "" : relative.substring(0, i);
    }
  }

  private final Manifest manifest;
  private final JsonNode spec;
  private final String dir;

  public HostSecrets(ArtifactFolder artifacts) {
    this.manifest = artifacts.manifest();
    if (artifacts.has(SPEC)) {
      try {
        this.spec = JSON.readTree(artifacts.bytes(SPEC));
      } catch (IOException e) {
        throw new BitteException(SPEC + " is not valid JSON", e.getMessage(), "regenerate the artifacts with `mvn compile`");
      }
      this.dir = spec.path("dir").asText(manifest.secretsDir());
    } else {
      this.spec = null;
      this.dir = manifest.secretsDir();
    }
  }

  public String remoteDir() {
    return dir;
  }

  /** The files {@code node} gets, sorted. */
  public List<HostFile> files(Manifest.CoreNode node) {
    TreeSet<String> fallback = new TreeSet<>(List.of("tls/ca.pem", "tls/consul.pem", "tls/consul-key.pem", "consul/secrets.json"));
    if (node.server()) {
      fallback.addAll(List.of("tls/nomad.pem", "tls/nomad-key.pem", "nomad/secrets.hcl", "tls/vault.pem", "tls/vault-key.pem", "vault/vault.env"));
    } else if (node.role().equals("monitoring")) {
      fallback.addAll(List.of("grafana/admin-password", "grafana/secret-key"));
    } else if (node.role().equals("routing")) {
      fallback.add("tls/ingress.pem");
    }
    return files(node.name(), fallback);
  }

  /** The files the instances of a client group get, sorted. */
  public List<HostFile> files(Manifest.ClientGroup group) {
    return files(group.name(), new TreeSet<>(List.of("tls/ca.pem", "tls/consul.pem", "tls/consul-key.pem", "consul/secrets.json",
        "tls/nomad.pem", "tls/nomad-key.pem", "nomad/secrets.hcl")));
  }

  private List<HostFile> files(String host, TreeSet<String> fallback) {
    TreeSet<String> rel = new TreeSet<>();
    if (spec != null) {
      for (JsonNode f : spec.path("files")) {
        boolean mine = false;
        for (JsonNode h : f.path("hosts")) {
          mine |= h.asText().equals(host);
        }
        if (!mine) {
          continue;
        }
        String path = f.path("path").asText();
        if (!path.startsWith(dir + "/") || path.contains("/../") || path.endsWith("/")) {
          throw new BitteException(SPEC + " names " + path + " outside " + dir, "secrets go only below the secrets dir",
              "regenerate the artifacts with `mvn compile`");
        }
        rel.add(path.substring(dir.length() + 1));
      }
    } else {
      rel.addAll(fallback);
    }
    List<HostFile> out = new ArrayList<>();
    for (String r : rel) {
      out.add(new HostFile(r, PUBLIC.contains(r)));
    }
    return out;
  }

  /**
   * Writes {@code files} under {@code staged} with their content, owner-only (0600) except the
   * public ones (0644), ready for {@code scp -p} or {@code aws s3 cp}.
   */
  public static void stage(Path staged, List<HostFile> files, java.util.function.Function<HostFile, byte[]> content) {
    for (HostFile f : files) {
      Path out = staged.resolve(f.relative());
      SecretFiles.write(out, content.apply(f));
      if (f.publicFile()) {
        try {
          Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
          throw new BitteException("cannot set the mode of " + out, e.toString(), "check the secrets folder");
        }
      }
    }
  }

  /**
   * The service that reads {@code file} through a systemd credential (secrets.json's
   * {@code readBy}, e.g. {@code consul.service}), or null when root or systemd reads the file
   * itself (or secrets.json does not say).
   */
  public String readBy(HostFile file) {
    if (spec == null) {
      return null;
    }
    for (JsonNode f : spec.path("files")) {
      if (f.path("path").asText().equals(dir + "/" + file.relative())) {
        String by = f.path("readBy").asText("");
        return by.endsWith(".service") ? by : null;
      }
    }
    return null;
  }

  /** The content of {@code file} for {@code node}, from the secrets folder and the terraform outputs. */
  public byte[] render(HostFile file, Manifest.CoreNode node, StateDir state) {
    return render(file, node.name(), "nodes/" + node.name(), node.server(), SecretsGenerator.consulAgentToken(node.name()),
        SecretsGenerator.CONSUL_NOMAD_TOKEN, state);
  }

  /**
   * The content of {@code file} for the instances of a client group: the group's certificate
   * (SAN client.global.nomad), the client agents' and Nomad clients' Consul tokens; no server
   * gossip key for Nomad, no management token.
   */
  public byte[] render(HostFile file, Manifest.ClientGroup group, StateDir state) {
    return render(file, group.name(), "groups/" + group.name(), false, SecretsGenerator.CONSUL_CLIENT_AGENT_TOKEN,
        SecretsGenerator.CONSUL_NOMAD_CLIENT_TOKEN, state);
  }

  private byte[] render(HostFile file, String host, String certificate, boolean server, String agentToken, String nomadConsulToken, StateDir state) {
    Path s = state.secrets();
    return switch (file.relative()) {
      case "tls/ca.pem" -> bytes(s.resolve(SecretsGenerator.CA));
      case "tls/consul.pem", "tls/nomad.pem", "tls/vault.pem" -> bytes(s.resolve(certificate + ".pem"));
      case "tls/consul-key.pem", "tls/nomad-key.pem", "tls/vault-key.pem" -> bytes(s.resolve(certificate + "-key.pem"));
      case "tls/ingress.pem" -> (read(s.resolve(SecretsGenerator.INGRESS)) + read(s.resolve(SecretsGenerator.INGRESS_KEY))).getBytes(StandardCharsets.UTF_8);
      case "consul/secrets.json" -> {
        ObjectNode root = JSON.createObjectNode();
        root.put("encrypt", read(s.resolve(SecretsGenerator.CONSUL_GOSSIP)).strip());
        ObjectNode tokens = root.putObject("acl").putObject("tokens");
        // Each agent its own token (a node identity) and the DNS token as default; deploy-core
        // creates both in Consul with these SecretIDs once the servers have a leader. Servers
        // make the management token the initial one, so the cluster starts with the token we hold.
        tokens.put("agent", read(s.resolve(agentToken)).strip());
        tokens.put("default", read(s.resolve(SecretsGenerator.CONSUL_DNS_TOKEN)).strip());
        if (server) {
          tokens.put("initial_management", read(s.resolve(SecretsGenerator.CONSUL_TOKEN)).strip());
        }
        try {
          yield (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      case "nomad/secrets.hcl" -> {
        StringBuilder b = new StringBuilder();
        if (server) {
          b.append("server {\n  encrypt = \"").append(read(s.resolve(SecretsGenerator.NOMAD_GOSSIP)).strip()).append("\"\n}\n");
        }
        b.append("consul {\n  token = \"").append(read(s.resolve(nomadConsulToken)).strip()).append("\"\n}\n");
        yield b.toString().getBytes(StandardCharsets.UTF_8);
      }
      case "vault/vault.env" -> {
        JsonNode arn = state.outputs("bootstrap").path(KMS_OUTPUT).path("value");
        if (!arn.isTextual() || arn.asText().isEmpty()) {
          throw new BitteException(host + " needs vault/vault.env, but the bootstrap workspace has no output " + KMS_OUTPUT,
              "Vault's awskms seal reads the KMS key from VAULT_AWSKMS_SEAL_KEY_ID, which comes from the bootstrap outputs",
              "run `bitte apply --only bootstrap` first (its outputs are saved to " + state.outputsFile("bootstrap") + ")");
        }
        yield ("VAULT_AWSKMS_SEAL_KEY_ID=" + arn.asText() + "\nAWS_REGION=" + manifest.primaryRegion() + "\nCONSUL_HTTP_TOKEN="
            + read(s.resolve(SecretsGenerator.CONSUL_VAULT_TOKEN)).strip() + "\n")
            .getBytes(StandardCharsets.UTF_8);
      }
      case "grafana/admin-password" -> bytes(s.resolve(SecretsGenerator.GRAFANA_PASSWORD));
      case "grafana/secret-key" -> bytes(s.resolve(SecretsGenerator.GRAFANA_SECRET_KEY));
      default -> throw new BitteException(SPEC + " asks for " + dir + "/" + file.relative() + " on " + host,
          "this runner does not know how to produce that file", "use the bitte runner of the same version as the processor");
    };
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new BitteException("secret " + p + " is missing", e.toString(), "run `bitte secrets` to generate what is missing");
    }
  }

  private static String read(Path p) {
    return new String(bytes(p), StandardCharsets.UTF_8);
  }
}
