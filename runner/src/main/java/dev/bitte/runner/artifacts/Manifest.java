package dev.bitte.runner.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitte.runner.BitteException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner's view of {@code manifest.json} (written by the processor's ManifestWriter). Reads
 * only the fields it needs and ignores the rest, so that new sections (jobs, capacity) do not
 * break an older runner; the {@code schema} number is the contract version.
 */
public final class Manifest {
  public static final String FILE = "manifest.json";
  public static final int SCHEMA = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB_PATH = Pattern.compile("nomad/([^/]+)/([^/]+)\\.nomad\\.hcl");

  private final JsonNode root;

  private Manifest(JsonNode root) {
    this.root = root;
  }

  public static Manifest parse(byte[] bytes, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new BitteException(where + " is not valid JSON", e.getMessage(),
          "regenerate it with `mvn compile` (the bitte annotation processor writes it)");
    }
    if (root == null || !root.isObject()) {
      throw new BitteException(where + " is not a bitte manifest", "its top level is not a JSON object",
          "regenerate it with `mvn compile`");
    }
    int schema = root.path("schema").asInt(-1);
    if (schema != SCHEMA) {
      throw new BitteException(where + " has manifest schema " + root.path("schema"),
          "this runner reads schema " + SCHEMA,
          schema > SCHEMA ? "use a bitte runner built with the same version as the processor"
              : "rebuild the artifacts with the current bitte processor (`mvn compile`)");
    }
    Manifest m = new Manifest(root);
    if (m.clusterName().isEmpty()) {
      throw new BitteException(where + " names no cluster", "cluster.name is missing", "regenerate it with `mvn compile`");
    }
    return m;
  }

  public JsonNode raw() {
    return root;
  }

  public String clusterName() {
    return root.path("cluster").path("name").asText("");
  }

  public String domain() {
    return root.path("cluster").path("domain").asText("");
  }

  public String primaryRegion() {
    return root.path("cluster").path("primaryRegion").asText("");
  }

  public String secretsDir() {
    return root.path("secretsDir").asText("/var/lib/bitte/secrets");
  }

  public List<String> workspaces() {
    return strings(root.path("workspaces"));
  }

  public List<String> applyOrder() {
    return strings(root.path("applyOrder"));
  }

  public List<String> regions() {
    List<String> out = new ArrayList<>();
    root.path("regions").forEach(r -> out.add(r.path("name").asText()));
    return out;
  }

  public List<CoreNode> coreNodes() {
    List<CoreNode> out = new ArrayList<>();
    for (JsonNode n : root.path("coreNodes")) {
      out.add(new CoreNode(n.path("name").asText(), n.path("role").asText(), n.path("instanceType").asText(),
          n.path("region").asText(), n.path("az").asText(), n.path("privateIp").asText()));
    }
    return out;
  }

  public CoreNode coreNode(String name) {
    return coreNodes().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
  }

  public List<ClientGroup> clientGroups() {
    List<ClientGroup> out = new ArrayList<>();
    for (JsonNode g : root.path("clientGroups")) {
      out.add(new ClientGroup(g.path("name").asText(), g.path("region").asText(), g.path("instanceType").asText(),
          g.path("nodeClass").asText(), g.path("min").asInt(), g.path("desired").asInt(), g.path("max").asInt(),
          g.path("secretsPrefix").asText(""), g.path("autoscalingGroup").asText("")));
    }
    return out;
  }

  public List<Artifact> artifacts() {
    List<Artifact> out = new ArrayList<>();
    for (JsonNode a : root.path("artifacts")) {
      out.add(new Artifact(a.path("path").asText(), a.path("sha256").asText(), a.path("size").asLong(-1)));
    }
    return out;
  }

  /**
   * The Nomad jobs, in the order to register them: the manifest's {@code jobs} section when it
   * has one (id, namespace, path), else every {@code nomad/<namespace>/<job>.nomad.hcl} artifact
   * in path order.
   */
  public List<JobFile> jobs() {
    List<JobFile> out = new ArrayList<>();
    JsonNode section = root.path("jobs");
    if (section.isArray() && section.size() > 0 && section.get(0).has("path")) {
      for (JsonNode j : section) {
        out.add(new JobFile(j.path("namespace").asText("default"), j.path("id").asText(), j.path("path").asText()));
      }
      return out;
    }
    for (Artifact a : artifacts()) {
      Matcher m = JOB_PATH.matcher(a.path());
      if (m.matches()) {
        out.add(new JobFile(m.group(1), m.group(2), a.path()));
      }
    }
    out.sort((x, y) -> x.path().compareTo(y.path()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  public record CoreNode(String name, String role, String instanceType, String region, String az, String privateIp) {
    public boolean server() {
      return role.equals("server");
    }
  }

  /**
   * @param secretsPrefix where in the state bucket its instances fetch their secrets at boot; empty in older manifests
   * @param autoscalingGroup the name of its EC2 auto scaling group; empty in older manifests
   */
  public record ClientGroup(String name, String region, String instanceType, String nodeClass, int min, int desired, int max,
      String secretsPrefix, String autoscalingGroup) {}

  /** The S3 bucket of the Terraform state (and of the client groups' secrets). */
  public String stateBucket() {
    return root.path("cluster").path("stateBucket").asText("");
  }

  public record Artifact(String path, String sha256, long size) {}

  /** A job artifact; {@code id} is the file name, which the jobs writer makes the job's id. */
  public record JobFile(String namespace, String id, String path) {}
}
