package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.testing.Hcl2Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated {@code .nomad.hcl} parses with HashiCorp's HCL2 parser (hcl2json), uses only
 * names of Nomad's jobspec ({@link NomadJobspecSchema}), and means what the annotations say.
 */
class NomadHclParseTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Compilation compilation;
  private static final Map<String, JsonNode> PARSED = new LinkedHashMap<>();

  @BeforeAll
  static void compileAndParse(@TempDir Path dir) throws IOException {
    compilation = JobFixtures.compile(RichJobs.ALL);
    assertThat(compilation).succeededWithoutWarnings();
    List<Path> files = new ArrayList<>();
    Map<Path, String> names = new LinkedHashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      String name = f.toUri().getPath();
      if (f.getKind() == JavaFileObject.Kind.OTHER && name.endsWith(".nomad.hcl")) {
        String rel = name.substring(name.indexOf("bitte/testnet/") + "bitte/testnet/".length());
        Path p = dir.resolve(rel.replace('/', '_'));
        try (var in = f.openInputStream()) {
          Files.write(p, in.readAllBytes());
        }
        files.add(p);
        names.put(p.toAbsolutePath().normalize(), rel);
      }
    }
    for (Map.Entry<Path, JsonNode> e : Hcl2Json.parseAll(files).entrySet()) {
      PARSED.put(names.get(e.getKey()), e.getValue());
    }
  }

  private static JsonNode job(String path, String id) {
    JsonNode file = PARSED.get(path);
    assertWithMessage("parsed " + path).that(file).isNotNull();
    assertThat(iterKeys(file.get("job"))).containsExactly(id);
    return file.get("job").get(id).get(0);
  }

  private static List<String> iterKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static JsonNode one(JsonNode body, String block) {
    JsonNode b = body.get(block);
    assertWithMessage("block " + block + " in " + body).that(b).isNotNull();
    assertWithMessage("one " + block).that(b.size()).isEqualTo(1);
    return b.get(0);
  }

  private static JsonNode labelled(JsonNode body, String block, String label) {
    return body.get(block).get(label).get(0);
  }

  @Test
  void everyJobIsWrittenAndParses() {
    assertThat(PARSED.keySet()).containsExactly("nomad/apps/web.nomad.hcl", "nomad/apps/db.nomad.hcl",
        "nomad/default/report.nomad.hcl", "nomad/default/dispatch.nomad.hcl", "nomad/ops/shipper.nomad.hcl");
  }

  @Test
  void everyNameIsOneNomadKnows() {
    for (Map.Entry<String, JsonNode> e : PARSED.entrySet()) {
      assertWithMessage(e.getKey()).that(NomadJobspecSchema.check(e.getValue())).isEmpty();
    }
  }

  @Test
  void everyVaultRoleATaskNamesIsTheHydrateRoleBoundToThatTaskAndNoOther() throws IOException {
    JsonNode roles = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/terraform/hydrate/main.tf.json"))
        .get("resource").get("vault_jwt_auth_backend_role");
    Map<String, String> expected = new java.util.TreeMap<>(); // role name -> namespace/job/task
    for (Map.Entry<String, JsonNode> file : PARSED.entrySet()) {
      for (Map.Entry<String, JsonNode> j : iterFields(file.getValue().get("job"))) {
        JsonNode job = j.getValue().get(0);
        String namespace = job.has("namespace") ? job.get("namespace").asText() : "default";
        for (Map.Entry<String, JsonNode> g : iterFields(job.get("group"))) {
          for (Map.Entry<String, JsonNode> t : iterFields(g.getValue().get(0).get("task"))) {
            JsonNode vault = t.getValue().get(0).get("vault");
            if (vault != null) {
              expected.put(vault.get(0).get("role").asText(), namespace + "/" + j.getKey() + "/" + t.getKey());
            }
          }
        }
      }
    }
    assertThat(expected).isNotEmpty();
    Map<String, String> created = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonNode> r : iterFields(roles)) {
      JsonNode bound = r.getValue().get("bound_claims");
      created.put(r.getValue().get("role_name").asText(),
          bound.get("nomad_namespace").asText() + "/" + bound.get("nomad_job_id").asText() + "/" + bound.get("nomad_task").asText());
    }
    assertThat(created).isEqualTo(expected);
  }

  private static List<Map.Entry<String, JsonNode>> iterFields(JsonNode object) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    object.fields().forEachRemaining(out::add);
    return out;
  }

  @Test
  void aTypoInABlockNameIsCaught() throws IOException {
    String web = JobFixtures.generated(compilation, "bitte/testnet/nomad/apps/web.nomad.hcl");
    for (String[] typo : new String[][] {{"sidecar_service", "sidecar_servce"}, {"upstreams {", "upstream {"},
        {"max_file_size", "max_filesize"}, {"ephemeral_disk", "ephemeraldisk"}}) {
      assertThat(web).contains(typo[0]);
      JsonNode parsed = Hcl2Json.parseString("typo.nomad.hcl", web.replace(typo[0], typo[1]));
      assertWithMessage(typo[1]).that(NomadJobspecSchema.check(parsed)).isNotEmpty();
    }
  }

  @Test
  void webMeansWhatItsAnnotationsSay() {
    JsonNode job = job("nomad/apps/web.nomad.hcl", "web");
    assertThat(job.get("namespace").asText()).isEqualTo("apps");
    assertThat(job.get("type").asText()).isEqualTo("service");
    assertThat(texts(job.get("datacenters"))).containsExactly("eu-central-1", "us-east-2").inOrder();
    assertThat(job.get("priority").asInt()).isEqualTo(50);
    assertThat(one(job, "meta").get("owner").asText()).isEqualTo("team \"web\"");

    JsonNode group = labelled(job, "group", "frontend");
    assertThat(group.get("count").asInt()).isEqualTo(3);
    JsonNode constraints = group.get("constraint");
    assertThat(constraints.size()).isEqualTo(2);
    assertThat(literal(constraints.get(0).get("attribute"))).isEqualTo("${node.class}");
    assertThat(constraints.get(0).get("value").asText()).isEqualTo("general");
    assertThat(literal(constraints.get(1).get("attribute"))).isEqualTo("${attr.kernel.name}");
    assertThat(one(group, "affinity").get("weight").asInt()).isEqualTo(30);
    assertThat(literal(one(group, "spread").get("attribute"))).isEqualTo("${node.datacenter}");
    JsonNode migration = one(group, "migrate");
    assertThat(migration.get("max_parallel").asInt()).isEqualTo(2);
    assertThat(migration.get("health_check").asText()).isEqualTo("task_states");
    assertThat(migration.get("min_healthy_time").asText()).isEqualTo("20s");
    assertThat(migration.get("healthy_deadline").asText()).isEqualTo("5m");
    JsonNode targets = one(group, "spread").get("target");
    assertThat(iterKeys(targets)).containsExactly("eu-central-1", "us-east-2").inOrder();
    assertThat(targets.get("eu-central-1").get(0).get("percent").asInt()).isEqualTo(70);
    assertThat(targets.get("us-east-2").get(0).get("percent").asInt()).isEqualTo(30);

    JsonNode network = one(group, "network");
    assertThat(network.get("mode").asText()).isEqualTo("bridge");
    assertThat(labelled(network, "port", "http").get("to").asInt()).isEqualTo(8080);
    assertThat(labelled(network, "port", "http").has("static")).isFalse();
    assertThat(labelled(network, "port", "metrics").get("static").asInt()).isEqualTo(9102);

    JsonNode update = one(group, "update");
    assertThat(update.get("max_parallel").asInt()).isEqualTo(2);
    assertThat(update.get("auto_promote").asBoolean()).isTrue();
    assertThat(one(group, "restart").get("mode").asText()).isEqualTo("delay");
    JsonNode reschedule = one(group, "reschedule");
    assertThat(reschedule.get("unlimited").asBoolean()).isTrue();
    assertThat(reschedule.has("attempts")).isFalse();
    assertThat(reschedule.get("delay").asText()).isEqualTo("15s");
    assertThat(reschedule.get("delay_function").asText()).isEqualTo("exponential");
    assertThat(reschedule.get("max_delay").asText()).isEqualTo("10m");

    JsonNode services = group.get("service");
    assertThat(services.size()).isEqualTo(2);
    JsonNode web = services.get(0);
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("port").asText()).isEqualTo("http");
    assertThat(literals(web.get("tags"))).containsExactly("public", "v${1}").inOrder();
    assertThat(web.get("check").size()).isEqualTo(2);
    assertThat(web.get("check").get(0).get("path").asText()).isEqualTo("/health");
    assertThat(web.get("check").get(0).get("expose").asBoolean()).isTrue();
    assertThat(web.get("check").get(1).get("type").asText()).isEqualTo("tcp");
    JsonNode upstreams = one(one(one(web, "connect"), "sidecar_service"), "proxy").get("upstreams");
    assertThat(upstreams.size()).isEqualTo(2);
    assertThat(upstreams.get(0).get("destination_name").asText()).isEqualTo("db");
    assertThat(upstreams.get(0).get("local_bind_port").asInt()).isEqualTo(5432);
    assertThat(upstreams.get(1).get("destination_name").asText()).isEqualTo("payments");
    assertThat(services.get(1).has("connect")).isFalse();

    JsonNode server = labelled(group, "task", "server");
    assertThat(server.get("driver").asText()).isEqualTo("docker");
    JsonNode taskService = one(server, "service");
    assertThat(taskService.get("name").asText()).isEqualTo("web-metrics-task");
    assertThat(taskService.get("port").asText()).isEqualTo("metrics");
    assertThat(one(taskService, "check").get("type").asText()).isEqualTo("tcp");
    assertThat(taskService.has("connect")).isFalse();
    assertThat(server.get("kill_timeout").asText()).isEqualTo("20s");
    JsonNode config = one(server, "config");
    assertThat(config.get("image").asText()).isEqualTo("ghcr.io/acme/web:1.4.2");
    assertThat(texts(config.get("args"))).containsExactly("--listen", ":8080").inOrder();
    assertThat(texts(config.get("ports"))).containsExactly("http", "metrics").inOrder();
    JsonNode resources = one(server, "resources");
    assertThat(resources.get("cpu").asInt()).isEqualTo(500);
    assertThat(resources.get("memory").asInt()).isEqualTo(256);
    assertThat(resources.get("memory_max").asInt()).isEqualTo(512);
    assertThat(one(server, "logs").get("max_files").asInt()).isEqualTo(5);
    JsonNode env = one(server, "env");
    assertThat(env.get("PORT").asText()).isEqualTo("8080");
    assertThat(literal(env.get("GREETING"))).isEqualTo("say \"hi\"\tto ${NOMAD_ALLOC_ID} at 100%{x} \\ done");
    // Nomad 1.10 takes a task's Vault policies from its role only: no policies attribute.
    assertThat(iterKeys(one(server, "vault"))).containsExactly("role");
    assertThat(one(server, "vault").get("role").asText()).isEqualTo("bitte.apps.web.server");
    JsonNode template = one(server, "template");
    assertThat(template.get("env").asBoolean()).isTrue();
    assertThat(template.get("change_signal").asText()).isEqualTo("SIGHUP");
    assertThat(literal(template.get("data"))).isEqualTo("KEY={{ with secret \"kv/data/web\" }}{{ .Data.data.key }}{{ end }}\nHOME=${HOME}\n");
    assertThat(one(server, "artifact").get("destination").asText()).isEqualTo("local/assets");

    JsonNode migrate = labelled(group, "task", "migrate");
    assertThat(migrate.get("driver").asText()).isEqualTo("exec");
    assertThat(one(migrate, "config").get("command").asText()).isEqualTo("/bin/migrate");
    assertThat(one(migrate, "lifecycle").get("hook").asText()).isEqualTo("prestart");
    assertThat(one(migrate, "lifecycle").get("sidecar").asBoolean()).isFalse();
  }

  @Test
  void dbClaimsItsHostVolumeAndReservesCores() {
    JsonNode job = job("nomad/apps/db.nomad.hcl", "db");
    assertThat(texts(job.get("datacenters"))).containsExactly("eu-central-1");
    assertThat(job.get("priority").asInt()).isEqualTo(80);
    JsonNode group = labelled(job, "group", "postgres");
    assertThat(group.get("count").asInt()).isEqualTo(1);
    JsonNode volume = labelled(group, "volume", "data");
    assertThat(volume.get("type").asText()).isEqualTo("host");
    assertThat(volume.get("source").asText()).isEqualTo("pg-data");
    JsonNode service = one(group, "service");
    assertThat(one(service, "connect").has("sidecar_service")).isTrue();
    assertThat(one(one(service, "connect"), "sidecar_service").has("proxy")).isFalse();
    JsonNode task = labelled(group, "task", "server");
    assertThat(one(task, "resources").get("cores").asInt()).isEqualTo(2);
    assertThat(one(task, "resources").has("cpu")).isFalse();
    assertThat(one(task, "volume_mount").get("destination").asText()).isEqualTo("/var/lib/postgresql/data");
  }

  @Test
  void periodicJavaBatchJob() {
    JsonNode job = job("nomad/default/report.nomad.hcl", "report");
    assertThat(job.get("type").asText()).isEqualTo("batch");
    JsonNode periodic = one(job, "periodic");
    assertThat(texts(periodic.get("crons"))).containsExactly("*/15 8-18 * * MON-FRI");
    assertThat(periodic.get("prohibit_overlap").asBoolean()).isFalse();
    JsonNode task = labelled(labelled(job, "group", "run"), "task", "jvm");
    assertThat(task.get("driver").asText()).isEqualTo("java");
    assertThat(one(task, "config").get("jar_path").asText()).isEqualTo("local/report.jar");
    assertThat(texts(one(task, "config").get("jvm_options"))).containsExactly("-Xmx256m");
    assertThat(one(labelled(job, "group", "run"), "network").get("mode").asText()).isEqualTo("host");
  }

  @Test
  void parameterizedAndSystemJobs() {
    JsonNode dispatch = job("nomad/default/dispatch.nomad.hcl", "dispatch");
    assertThat(texts(one(dispatch, "parameterized").get("meta_required"))).containsExactly("target");
    JsonNode reschedule = one(labelled(dispatch, "group", "work"), "reschedule");
    assertThat(reschedule.get("attempts").asInt()).isEqualTo(1);
    assertThat(reschedule.get("interval").asText()).isEqualTo("24h");
    assertThat(reschedule.has("max_delay")).isFalse();
    JsonNode run = labelled(labelled(dispatch, "group", "work"), "task", "run");
    assertThat(run.get("driver").asText()).isEqualTo("raw_exec");
    assertThat(literals(one(run, "config").get("args"))).containsExactly("sh", "-c", "echo ${NOMAD_META_target}").inOrder();

    JsonNode shipper = job("nomad/ops/shipper.nomad.hcl", "shipper");
    assertThat(shipper.get("type").asText()).isEqualTo("system");
    JsonNode group = labelled(shipper, "group", "vector");
    assertThat(group.has("count")).isFalse();
    assertThat(labelled(one(group, "network"), "port", "api").get("static").asInt()).isEqualTo(8686);
    JsonNode helper = labelled(group, "task", "helper");
    assertThat(one(helper, "lifecycle").get("hook").asText()).isEqualTo("poststart");
    assertThat(one(helper, "lifecycle").get("sidecar").asBoolean()).isTrue();
  }

  @Test
  void manifestListsJobsAndHydrate() throws IOException {
    JsonNode manifest = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/manifest.json"));
    List<String> paths = new ArrayList<>();
    manifest.get("jobs").forEach(j -> paths.add(j.get("path").asText()));
    assertThat(paths).containsExactly("nomad/apps/db.nomad.hcl", "nomad/apps/web.nomad.hcl", "nomad/default/dispatch.nomad.hcl",
        "nomad/default/report.nomad.hcl", "nomad/ops/shipper.nomad.hcl").inOrder();
    JsonNode hydrate = manifest.get("hydrate");
    assertThat(texts(hydrate.get("nomadNamespaces"))).containsExactly("apps", "ops").inOrder();
    assertThat(texts(hydrate.get("vaultPolicies"))).containsExactly("shared", "web").inOrder();
    assertThat(hydrate.get("consulIntentions").toString()).isEqualTo(
        "[{\"action\":\"allow\",\"destination\":\"db\",\"source\":\"web\"},{\"action\":\"allow\",\"destination\":\"payments\",\"source\":\"web\"}]");
    List<String> ports = new ArrayList<>();
    manifest.get("jobStaticPorts").forEach(p -> ports.add(p.get("clientGroup").asText() + ":" + p.get("port").asInt() + ":"
        + p.get("job").asText() + "." + p.get("group").asText() + "." + p.get("label").asText()));
    assertThat(ports).containsExactly("batch-eu:8686:shipper.vector.api", "clients-eu:8686:shipper.vector.api",
        "clients-eu:9102:web.frontend.metrics", "clients-us:8686:shipper.vector.api", "clients-us:9102:web.frontend.metrics").inOrder();
    List<String> artifacts = new ArrayList<>();
    manifest.get("artifacts").forEach(a -> artifacts.add(a.get("path").asText()));
    assertThat(artifacts).containsAtLeastElementsIn(paths);
    String fleet = compilation.generatedSourceFile("test.TestnetFleet").map(f -> {
      try {
        return f.getCharContent(true).toString();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).orElseThrow();
    assertThat(fleet).contains("JOBS = List.of(\"db\", \"dispatch\", \"report\", \"shipper\", \"web\")");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** hcl2json writes literal strings re-escaped as templates ($${ for ${); undo that to get the value. */
  private static String literal(JsonNode text) {
    return dev.bitte.processor.testing.Hcl2Json.templateUnescape(text.asText());
  }

  private static List<String> literals(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(literal(n)));
    return out;
  }

  @Test
  void hydrateWorkspaceCreatesNamespacesPoliciesAndExactlyTheUpstreamIntentions() throws IOException {
    JsonNode resources = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/terraform/hydrate/main.tf.json")).get("resource");
    assertThat(iterKeys(resources.get("nomad_namespace"))).containsExactly("apps", "ops");
    assertThat(resources.get("nomad_namespace").get("apps").get("name").asText()).isEqualTo("apps");
    assertThat(iterKeys(resources.get("vault_policy"))).containsExactly("shared", "web");
    assertThat(resources.get("vault_policy").get("web").get("policy").asText()).contains("kv/data/web/*");
    // Nomad's workload identities log in to Vault through a JWT auth method, one role per task
    // that uses Vault, bound to its job and task and granting that task's policies only.
    JsonNode jwt = resources.get("vault_jwt_auth_backend").get("nomad_workloads");
    assertThat(jwt.get("path").asText()).isEqualTo("jwt-nomad");
    assertThat(jwt.get("jwks_url").asText()).isEqualTo("https://127.0.0.1:4646/.well-known/jwks.json");
    assertThat(jwt.get("jwks_ca_pem").asText()).isEqualTo("${file(var.cluster_ca_file)}");
    assertThat(iterKeys(resources.get("vault_jwt_auth_backend_role"))).containsExactly("task_apps_web_server");
    JsonNode role = resources.get("vault_jwt_auth_backend_role").get("task_apps_web_server");
    assertThat(role.get("role_name").asText()).isEqualTo("bitte.apps.web.server");
    assertThat(role.get("backend").asText()).isEqualTo("${vault_jwt_auth_backend.nomad_workloads.path}");
    assertThat(texts(role.get("bound_audiences"))).containsExactly("vault.io");
    assertThat(role.get("bound_claims").get("nomad_namespace").asText()).isEqualTo("apps");
    assertThat(role.get("bound_claims").get("nomad_job_id").asText()).isEqualTo("web");
    assertThat(role.get("bound_claims").get("nomad_task").asText()).isEqualTo("server");
    assertThat(role.get("user_claim").asText()).isEqualTo("/extra_claims/nomad_workload_id");
    assertThat(texts(role.get("token_policies"))).containsExactly("${vault_policy.shared.name}", "${vault_policy.web.name}").inOrder();
    JsonNode workspace = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/terraform/hydrate/main.tf.json"));
    // The manifest tells the runner exactly the variables each workspace declares.
    JsonNode manifest = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/manifest.json"));
    for (JsonNode ws : manifest.get("terraform").get("workspaces")) {
      JsonNode tf = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/" + ws.get("path").asText()));
      // Required ones: a variable with a default (hydrate's optional addresses) is not asked for.
      List<String> declared = new ArrayList<>();
      if (tf.has("variable")) {
        tf.get("variable").fields().forEachRemaining(v -> {
          if (!v.getValue().has("default")) {
            declared.add(v.getKey());
          }
        });
      }
      List<String> listed = new ArrayList<>();
      ws.get("variables").forEach(v -> listed.add(v.get("name").asText()));
      assertWithMessage(ws.get("name").asText()).that(listed).containsExactlyElementsIn(declared);
    }
    assertThat(iterKeys(workspace.get("variable"))).contains("cluster_ca_file");
    JsonNode entries = resources.get("consul_config_entry");
    assertThat(iterKeys(entries)).containsExactly("intentions_db", "intentions_payments");
    JsonNode db = MAPPER.readTree(entries.get("intentions_db").get("config_json").asText());
    assertThat(db.get("Sources").size()).isEqualTo(1);
    assertThat(db.get("Sources").get(0).get("Name").asText()).isEqualTo("web");
    assertThat(db.get("Sources").get(0).get("Action").asText()).isEqualTo("allow");
  }

  @Test
  void consulAcceptsExactlyTheIdentitiesTheJobsCarry() throws IOException {
    // Tasks whose templates read Consul carry an identity for it; the others none.
    Map<String, String> identities = new java.util.TreeMap<>(); // job/task -> name aud ttl
    for (Map.Entry<String, JsonNode> file : PARSED.entrySet()) {
      for (Map.Entry<String, JsonNode> j : iterFields(file.getValue().get("job"))) {
        for (Map.Entry<String, JsonNode> g : iterFields(j.getValue().get(0).get("group"))) {
          for (Map.Entry<String, JsonNode> t : iterFields(g.getValue().get(0).get("task"))) {
            JsonNode identity = t.getValue().get(0).get("identity");
            if (identity != null) {
              JsonNode id = one(t.getValue().get(0), "identity");
              identities.put(j.getKey() + "/" + t.getKey(),
                  id.get("name").asText() + " " + texts(id.get("aud")) + " " + id.get("ttl").asText());
            }
          }
        }
      }
    }
    // Shipper's agent reads the Loki service's address; web's template reads only Vault.
    assertThat(identities).containsExactly("shipper/agent", "consul_default [consul.io] 1h");

    JsonNode workspace = MAPPER.readTree(JobFixtures.generated(compilation, "bitte/testnet/terraform/hydrate/main.tf.json"));
    JsonNode resources = workspace.get("resource");
    JsonNode method = resources.get("consul_acl_auth_method").get("nomad_workloads");
    // The names Nomad's agents use by default for services' and tasks' logins.
    assertThat(method.get("name").asText()).isEqualTo("nomad-workloads");
    assertThat(method.get("type").asText()).isEqualTo("jwt");
    assertThat(method.has("max_token_ttl")).isFalse();
    String configJson = method.get("config_json").asText();
    String ca = "${jsonencode(file(var.cluster_ca_file))}";
    assertThat(configJson).contains(ca);
    // What Consul receives once Terraform has put the CA in: JSON.
    JsonNode config = MAPPER.readTree(configJson.replace(ca, "\"-----BEGIN CERTIFICATE-----\\n\""));
    assertThat(config.get("JWKSURL").asText()).isEqualTo("https://127.0.0.1:4646/.well-known/jwks.json");
    assertThat(config.get("JWKSCACert").asText()).isEqualTo("-----BEGIN CERTIFICATE-----\n");
    assertThat(texts(config.get("BoundAudiences"))).containsExactly("consul.io");
    assertThat(iterKeys(config.get("ClaimMappings"))).containsExactly("nomad_job_id", "nomad_namespace", "nomad_service", "nomad_task");
    // Consul refuses the whole method for an algorithm outside the RS, ES and PS families.
    assertThat(texts(config.get("JWTSupportedAlgs"))).isNotEmpty();
    assertThat(List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"))
        .containsAtLeastElementsIn(texts(config.get("JWTSupportedAlgs")));
    // The provider reads the configuration back as Go re-encodes it (compact, keys sorted) and
    // compares strings: written any other way, every plan would show a change.
    assertThat(configJson).doesNotContain("\n");
    assertThat(configJson).doesNotContain("\": ");
    List<String> keys = iterKeys(config);
    assertThat(keys).isInOrder();
    assertThat(iterKeys(config.get("ClaimMappings"))).isInOrder();
    assertThat(iterKeys(workspace.get("variable"))).contains("cluster_ca_file");

    // A service's identity may register that service only; a task's gets the read-only role.
    JsonNode rules = resources.get("consul_acl_binding_rule");
    assertThat(iterKeys(rules)).containsExactly("nomad_services", "nomad_tasks");
    JsonNode services = rules.get("nomad_services");
    assertThat(services.get("auth_method").asText()).isEqualTo("${consul_acl_auth_method.nomad_workloads.name}");
    assertThat(services.get("bind_type").asText()).isEqualTo("service");
    // Escaped for Terraform: Consul, not Terraform, fills in the claim.
    assertThat(services.get("bind_name").asText()).isEqualTo("$${value.nomad_service}");
    assertThat(services.get("selector").asText()).isEqualTo("\"nomad_service\" in value");
    JsonNode tasks = rules.get("nomad_tasks");
    assertThat(tasks.get("bind_type").asText()).isEqualTo("role");
    assertThat(tasks.get("bind_name").asText()).isEqualTo("${consul_acl_role.nomad_tasks.name}");
    assertThat(tasks.get("selector").asText()).isEqualTo("\"nomad_service\" not in value");
    JsonNode role = resources.get("consul_acl_role").get("nomad_tasks");
    assertThat(role.get("name").asText()).isEqualTo("nomad-tasks");
    assertThat(texts(role.get("policies"))).containsExactly("${consul_acl_policy.nomad_tasks.name}");
    // The policy is HCL that HashiCorp's parser reads as three read-only prefixes.
    JsonNode policy = Hcl2Json.parseString("nomad-tasks.hcl", resources.get("consul_acl_policy").get("nomad_tasks").get("rules").asText());
    List<String> policies = new ArrayList<>();
    for (String prefix : iterKeys(policy)) {
      policies.add(prefix + "=" + policy.get(prefix).get("").get(0).get("policy").asText());
    }
    assertThat(policies).containsExactly("service_prefix=read", "node_prefix=read", "key_prefix=read");
  }
}
