package dev.bitte.runner.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runner's local working state for one cluster (default {@code .bitte/<cluster>/} in the
 * working directory): the journal, step logs, terraform working copies (with the bootstrap
 * workspace's local state — back it up), terraform outputs, and the default secrets folder.
 * Never inside the artifact folder: artifacts are build output and get committed.
 */
public final class StateDir {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Path secrets;

  public StateDir(Path root, Path secrets) {
    this.root = root.toAbsolutePath().normalize();
    this.secrets = (secrets == null ? this.root.resolve("secrets") : secrets).toAbsolutePath().normalize();
  }

  public static StateDir of(Env env, String cluster, String stateFlag, String secretsFlag, Path artifactDir) {
    Path root = stateFlag == null ? env.cwd().resolve(".bitte").resolve(cluster) : env.resolve(stateFlag);
    StateDir s = new StateDir(root, secretsFlag == null ? null : env.resolve(secretsFlag));
    Path art = artifactDir.toAbsolutePath().normalize();
    for (Path p : new Path[] {s.root, s.secrets}) {
      if (p.startsWith(art)) {
        throw new BitteException("refusing to keep runner state or secrets in the artifact folder " + env.show(art),
            env.show(p) + " is inside it, and artifact folders are build output that gets committed",
            "pass --state-dir / --secrets-dir outside " + env.show(art));
      }
    }
    return s;
  }

  public Path root() {
    return root;
  }

  public Path secrets() {
    return secrets;
  }

  public Path log(String step) {
    return root.resolve("logs").resolve(step + ".log");
  }

  public Path terraformDir(String workspace) {
    return root.resolve("terraform").resolve(workspace);
  }

  public Path nixosDir() {
    return root.resolve("nixos");
  }

  public Path outputsFile(String workspace) {
    return root.resolve("outputs").resolve(workspace + ".json");
  }

  public Path journalFile() {
    return root.resolve("journal.json");
  }

  /** {@code terraform output -json} of a workspace, or an empty object before it was applied. */
  public JsonNode outputs(String workspace) {
    Path f = outputsFile(workspace);
    if (!Files.isRegularFile(f)) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new BitteException("cannot read terraform outputs " + f, e.getMessage(), "rerun `bitte apply --only " + workspace + "`");
    }
  }

  /**
   * The address to reach a core node at: the {@code core} workspace's output {@code public_ips}
   * (a map from node name to address) when it has one, else the node's private IP from the
   * manifest (reachable through a VPN or from inside the VPC).
   */
  public String nodeAddress(String node, String privateIp) {
    JsonNode ip = outputs("core").path("public_ips").path("value").path(node);
    return ip.isTextual() && !ip.asText().isEmpty() ? ip.asText() : privateIp;
  }

  /** Like {@link #nodeAddress} for dry runs, where the outputs may not exist yet. */
  public String nodeAddressShown(String node, String privateIp) {
    JsonNode ip = outputs("core").path("public_ips").path("value").path(node);
    if (ip.isTextual() && !ip.asText().isEmpty()) {
      return ip.asText();
    }
    if (!Files.isRegularFile(outputsFile("core"))) {
      return "${core.public_ips[\"" + node + "\"]:-" + privateIp + "}";
    }
    return privateIp;
  }
}
