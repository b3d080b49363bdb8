package dev.bitte.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.Env;
import dev.bitte.runner.Session;
import dev.bitte.runner.apply.ApplyRunner;
import dev.bitte.runner.artifacts.ArtifactFolder;
import dev.bitte.runner.artifacts.FleetLocator;
import dev.bitte.runner.artifacts.Manifest;
import dev.bitte.runner.deploy.Deployer;
import dev.bitte.runner.exec.Command;
import dev.bitte.runner.exec.ProcessRunner;
import dev.bitte.runner.exec.Tools;
import dev.bitte.runner.nomad.NomadJobs;
import dev.bitte.runner.terraform.Terraform;
import dev.bitte.fleet.FleetDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The picocli command tree. */
@CommandLine.Command(name = "bitte", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "bitte 0.1.0",
    description = "Applies the artifacts the bitte annotation processor generated: terraform, nixos-rebuild and Nomad's HTTP API.",
    subcommands = {Cli.ListFleets.class, Cli.Show.class, Cli.Export.class, Cli.Plan.class, Cli.Apply.class, Cli.Destroy.class, Cli.Secrets.class,
        Cli.Deploy.class, Cli.Jobs.class, Cli.Info.class, Cli.Ssh.class})
public final class Cli implements Callable<Integer> {
  final Env env;
  final PrintStream out;
  final PrintStream err;
  final List<Session> sessions = new ArrayList<>();

  private Cli(Env env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static int run(Env env, PrintStream out, PrintStream err, String... args) {
    Cli root = new Cli(env, out, err);
    CommandLine cl = new CommandLine(root);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof BitteException b) {
        err.println(b.render());
        err.flush();
        return 2;
      }
      err.println("internal error in the bitte runner: " + ex);
      ex.printStackTrace(err);
      err.println("  next: this is a bug; please report it with the command line and the trace above");
      return 2;
    });
    cl.setExitCodeExceptionMapper(t -> 2);
    cl.getCommandSpec().usageMessage().footer("", "Exit status: 0 ok, 1 changes (plan) or differences (export --check), 2 error.");
    int code;
    try {
      code = cl.execute(args);
    } finally {
      root.sessions.forEach(Session::close); // SSH tunnels end with the command
    }
    out.flush();
    return code;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(out);
    return 0;
  }

  /** Options every command that reads a fleet takes. */
  static final class FleetOptions {
    @Option(names = {"-f", "--fleet"}, paramLabel = "FLEET",
        description = "artifact folder (…/bitte/<cluster>) or cluster name; default: the only fleet found below the working directory")
    String fleet;

    @Option(names = "--dry-run", description = "print exactly what would run, in order, and change nothing")
    boolean dryRun;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "runner state (journal, logs, terraform working copies, outputs); default .bitte/<cluster>")
    String stateDir;

    @Option(names = "--secrets-dir", paramLabel = "DIR", description = "local secrets folder; default <state-dir>/secrets")
    String secretsDir;

    @Option(names = "--direct", description = "reach Consul/Nomad/Vault at the nodes' private IPs (from inside the VPC or a VPN) instead of through SSH tunnels")
    boolean direct;

    Session.Options toOptions(String positionalFleet) {
      Session.Options o = new Session.Options();
      if (fleet != null && positionalFleet != null && !fleet.equals(positionalFleet)) {
        throw new BitteException("two fleets given: " + fleet + " and " + positionalFleet, "a command works on one fleet", "give it once");
      }
      o.fleet = fleet != null ? fleet : positionalFleet;
      o.dryRun = dryRun;
      o.stateDir = stateDir;
      o.secretsDir = secretsDir;
      o.direct = direct;
      return o;
    }
  }

  /** Options of the commands that run terraform: plan, apply, destroy. */
  static final class TerraformOptions {
    @Option(names = "--terraform-bin", paramLabel = "PATH", description = "terraform or tofu to use; default terraform, then tofu, on PATH")
    String terraformBin;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "a variable a workspace requires (see the manifest's terraform section),"
        + " e.g. nixos_flake; destroy gives those not set a placeholder, which destroying does not use")
    Map<String, String> vars = new java.util.LinkedHashMap<>();

    void apply(Session.Options o) {
      o.terraformBin = terraformBin;
      o.terraformVars = vars;
    }
  }

  static final class NomadOptions {
    @Option(names = "--nomad-addr", paramLabel = "URL", description = "Nomad's address; default NOMAD_ADDR, else https://<first server>:4646")
    String addr;

    @Option(names = "--nomad-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "per-request timeout (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600", description = "how long to follow an evaluation/deployment (default ${DEFAULT-VALUE})")
    double wait;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "2", description = "poll interval (default ${DEFAULT-VALUE})")
    double poll;

    void apply(Session.Options o) {
      o.nomadAddr = addr;
      o.nomadTimeout = seconds(timeout);
      o.nomadWait = seconds(wait);
      o.nomadPoll = seconds(poll);
    }
  }

  static final class HealthOptions {
    @Option(names = "--health-timeout", paramLabel = "SECONDS", defaultValue = "300", description = "how long a node may take to become healthy (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--health-interval", paramLabel = "SECONDS", defaultValue = "5", description = "health poll interval (default ${DEFAULT-VALUE})")
    double interval;

    void apply(Session.Options o) {
      o.healthTimeout = seconds(timeout);
      o.healthInterval = seconds(interval);
    }
  }

  static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  /** Base: builds the session and its console. */
  abstract static class FleetCommand implements Callable<Integer> {
    @ParentCommand Object parent;
    @Mixin FleetOptions fleetOptions;

    Cli root() {
      Object p = parent;
      while (!(p instanceof Cli)) {
        p = ((FleetCommand) p).parent;
      }
      return (Cli) p;
    }

    Console console() {
      Cli r = root();
      return new Console(r.out, r.err, fleetOptions.dryRun);
    }

    Session session(String positional, java.util.function.Consumer<Session.Options> more) {
      Session.Options o = fleetOptions.toOptions(positional);
      more.accept(o);
      Session s = new Session(root().env, console(), o);
      root().sessions.add(s);
      return s;
    }
  }

  @CommandLine.Command(name = "list", description = "List the fleets found: artifact folders below the working directory, or generated *Fleet classes on a class path.")
  static final class ListFleets implements Callable<Integer> {
    @ParentCommand Cli root;

    @Option(names = "--classpath", paramLabel = "CP", description = "list the fleets registered on this class path (folders/jars)")
    String classpath;

    @Option(names = "--dry-run", description = "accepted for symmetry: list only reads")
    boolean dryRun;

    @Override
    public Integer call() {
      if (classpath != null) {
        for (FleetDescriptor f : new FleetLocator(root.env).onClasspath(classpath)) {
          root.out.printf(Locale.ROOT, "%-20s %s  %d core nodes, %d client groups, %d jobs  (%s)%n", f.name(), f.primaryRegion(),
              f.coreNodes().size(), f.clientGroups().size(), f.jobs().size(), f.getClass().getName());
        }
        return 0;
      }
      List<FleetLocator.Found> found = new FleetLocator(root.env).scan();
      if (found.isEmpty()) {
        root.out.println("no fleets below " + root.env.cwd() + " (build one with `mvn compile`)");
        return 0;
      }
      for (FleetLocator.Found f : found) {
        String status;
        try {
          Manifest m = ArtifactFolder.open(f.dir(), root.env.show(f.dir())).manifest();
          status = String.format(Locale.ROOT, "verified, %d core nodes, %d client groups, %d jobs", m.coreNodes().size(),
              m.clientGroups().size(), m.jobs().size());
        } catch (BitteException e) {
          status = "REFUSED: " + e.what();
        }
        root.out.printf(Locale.ROOT, "%-20s %-9s %s  (%s)%n", f.cluster(), f.origin(), root.env.show(f.dir()), status);
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "show", description = "A readable summary of a fleet: regions, nodes with addresses, groups with sizes, jobs.")
  static final class Show extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Option(names = "--open", description = "Also print the location (file: URI) of the fleet's report page, report/index.html, to open in a browser.")
    boolean open;

    @Override
    public Integer call() {
      Session s = session(fleet, o -> { });
      Manifest m = s.manifest();
      PrintStream out = root().out;
      out.println("fleet " + m.clusterName() + " (" + m.domain() + "), primary region " + m.primaryRegion());
      out.println("artifacts " + s.env().show(s.artifacts().dir()) + ": " + s.artifacts().paths().size() + " files, all match the manifest");
      out.println("regions");
      for (JsonNode r : m.raw().path("regions")) {
        List<String> subnets = new ArrayList<>();
        r.path("subnets").forEach(sn -> subnets.add(sn.path("az").asText() + " " + sn.path("cidr").asText()));
        out.println("  " + r.path("name").asText() + "  " + r.path("cidr").asText() + (r.path("primary").asBoolean() ? "  (primary)" : "")
            + "  subnets: " + String.join(", ", subnets));
      }
      out.println("core nodes");
      for (Manifest.CoreNode n : m.coreNodes()) {
        String addr = s.state().nodeAddress(n.name(), n.privateIp());
        out.printf(Locale.ROOT, "  %-12s %-10s %-11s %-15s %s%s%n", n.name(), n.role(), n.instanceType(), n.az(), n.privateIp(),
            addr.equals(n.privateIp()) ? "" : "  public " + addr);
      }
      out.println("client groups");
      for (Manifest.ClientGroup g : m.clientGroups()) {
        out.printf(Locale.ROOT, "  %-12s %-14s %-11s class %-10s min %d, desired %d, max %d%n", g.name(), g.region(), g.instanceType(),
            g.nodeClass(), g.min(), g.desired(), g.max());
      }
      out.println("jobs");
      if (m.jobs().isEmpty()) {
        out.println("  (none)");
      }
      JsonNode capacityJobs = m.raw().path("capacity").path("jobs");
      for (Manifest.JobFile j : m.jobs()) {
        JsonNode decl = null;
        for (JsonNode d : m.raw().path("jobs")) {
          if (d.path("id").asText().equals(j.id()) && d.path("namespace").asText().equals(j.namespace())) {
            decl = d;
          }
        }
        out.println("  " + j.namespace() + "/" + j.id() + (decl == null ? "" : " (" + decl.path("type").asText() + ")") + "  " + j.path());
        if (decl != null) {
          for (JsonNode g : decl.path("groups")) {
            boolean everyNode = decl.path("type").asText().matches("system|sysbatch");
            out.println("    group " + g.path("name").asText() + (everyNode ? " on every eligible node" : " x" + g.path("count").asInt())
                + (g.path("nodeClass").asText().isEmpty() ? "" : ", node class " + g.path("nodeClass").asText()));
            // the processor's capacity section keys task groups as namespace/job.group
            JsonNode placed = capacityJobs.path(j.namespace() + "/" + j.id() + "." + g.path("name").asText());
            if (!placed.isMissingNode()) {
              List<String> where = new ArrayList<>();
              placed.path("nodes").fields().forEachRemaining(e -> where.add(e.getKey() + (e.getValue().asInt() > 1 ? " x" + e.getValue().asInt() : "")));
              out.println("    placed " + placed.path("placed").asInt() + "/" + placed.path("wanted").asInt() + " at desired size"
                  + (where.isEmpty() ? "" : " on " + String.join(", ", where)));
              if (placed.has("failure")) {
                out.println("    DOES NOT FIT: " + placed.path("failure").asText());
                placed.path("suggestions").forEach(x -> out.println("      - " + x.asText()));
              }
            }
          }
        }
      }
      JsonNode capacityGroups = m.raw().path("capacity").path("groups");
      if (capacityGroups.isObject() && !capacityGroups.isEmpty()) {
        out.println("capacity at desired size (reserved per node: " + m.raw().path("capacity").path("reservedCpuMhzPerNode").asInt() + " MHz, "
            + m.raw().path("capacity").path("reservedMemoryMibPerNode").asInt() + " MiB)");
        capacityGroups.fields().forEachRemaining(e -> {
          JsonNode d = e.getValue().path("desired");
          out.printf(Locale.ROOT, "  %-12s %d nodes, %d allocations, cpu %d/%d MHz, memory %d/%d MiB%n", e.getKey(), d.path("nodes").asInt(),
              d.path("allocations").asInt(), d.path("cpuUsedMhz").asInt(), d.path("cpuMhz").asInt(), d.path("memoryUsedMib").asInt(), d.path("memoryMib").asInt());
        });
      }
      if (open) {
        java.nio.file.Path page = s.artifacts().dir().resolve("report/index.html");
        if (!s.artifacts().paths().contains("report/index.html")) {
          throw new dev.bitte.runner.BitteException("fleet " + m.clusterName() + " has no report page",
              "its manifest lists no report/index.html (artifacts from an older processor?)", "rebuild the fleet (mvn compile) and run `bitte show --open` again");
        }
        out.println("report " + page.toAbsolutePath().normalize().toUri());
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "export", description = "Write the verified artifacts to DIR/<cluster> (to commit them), or --check that a committed copy is current.")
  static final class Export extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "the folder that holds committed fleets, e.g. infra/")
    String to;

    @Option(names = "--check", description = "change nothing; exit 1 when DIR/<cluster> differs from the build")
    boolean check;

    @Override
    public Integer call() throws IOException {
      Session s = session(fleet, o -> { });
      Console c = s.console();
      Path target = s.env().resolve(to).resolve(s.manifest().clusterName());
      if (target.equals(s.artifacts().dir())) {
        throw new BitteException("export source and target are the same folder " + s.env().show(target), "nothing to copy",
            "export from the build output (target/classes/bitte/<cluster>) to the committed folder");
      }
      TreeSet<String> wanted = new TreeSet<>(s.artifacts().paths());
      wanted.add(Manifest.FILE);
      List<String> differ = new ArrayList<>();
      List<String> extra = new ArrayList<>();
      for (String p : wanted) {
        byte[] want = p.equals(Manifest.FILE) ? s.artifacts().manifestBytes() : s.artifacts().bytes(p);
        Path f = target.resolve(p);
        if (!Files.isRegularFile(f) || !Arrays.equals(Files.readAllBytes(f), want)) {
          differ.add(p);
        }
      }
      if (Files.isDirectory(target)) {
        try (Stream<Path> walk = Files.walk(target)) {
          walk.filter(Files::isRegularFile).map(f -> target.relativize(f).toString().replace('\\', '/'))
              .filter(p -> !wanted.contains(p)).sorted().forEach(extra::add);
        }
      }
      String shown = s.env().show(target);
      if (check) {
        if (differ.isEmpty() && extra.isEmpty()) {
          c.line(shown + " is current (" + wanted.size() + " files)");
          return 0;
        }
        differ.forEach(p -> c.line("differs: " + shown + "/" + p + (Files.exists(target.resolve(p)) ? "" : " (missing)")));
        extra.forEach(p -> c.line("stale:   " + shown + "/" + p + " (not generated any more)"));
        c.err().println("error: " + shown + " is not what the build produced (" + (differ.size() + extra.size()) + " files)\n"
            + "  next: run `bitte export " + s.env().show(s.artifacts().dir()) + " --to " + to + "` and commit the result");
        return 1;
      }
      for (String p : differ) {
        c.action("write " + shown + "/" + p);
        if (!c.dryRun()) {
          Path f = target.resolve(p);
          Files.createDirectories(f.getParent());
          Files.write(f, p.equals(Manifest.FILE) ? s.artifacts().manifestBytes() : s.artifacts().bytes(p));
        }
      }
      for (String p : extra) {
        c.action("delete " + shown + "/" + p + " (not generated any more)");
        if (!c.dryRun()) {
          Files.delete(target.resolve(p));
        }
      }
      c.line((c.dryRun() ? "would export " : "exported ") + s.manifest().clusterName() + " to " + shown + ": " + differ.size()
          + " written, " + extra.size() + " deleted, " + (wanted.size() - differ.size()) + " unchanged");
      return 0;
    }
  }

  @CommandLine.Command(name = "plan", description = "terraform init + plan of every workspace in order, and a Nomad plan (diff) of every job. Exit 0 no changes, 1 changes, 2 error.")
  static final class Plan extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Option(names = "--no-jobs", description = "plan the terraform workspaces only (e.g. before the cluster exists)")
    boolean noJobs;

    @Mixin TerraformOptions terraform;

    @Mixin NomadOptions nomad;

    @Override
    public Integer call() {
      Session s = session(fleet, o -> {
        terraform.apply(o);
        nomad.apply(o);
      });
      Console c = s.console();
      boolean changes = false;
      Terraform tf = s.terraform();
      for (String ws : s.manifest().workspaces()) {
        c.line("workspace " + ws);
        if (!tf.present(ws)) {
          c.note("skip: the artifacts have no " + Terraform.prefix(ws));
          continue;
        }
        Path log = s.state().log("plan-" + ws);
        try {
          Path dir = tf.stage(ws);
          tf.init(ws, dir, log);
          // hydrate as apply runs it: the tokens from the secrets folder, the providers through the tunnel
          ApplyRunner hydrate = ws.equals("hydrate") ? new ApplyRunner(s, 1) : null;
          changes |= (hydrate == null ? tf.plan(ws, dir, log, true, Map.of())
              : tf.plan(ws, dir, log, true, hydrate.hydrateEnv(), hydrate.hydrateAddresses())) == Terraform.PlanResult.CHANGES;
        } catch (dev.bitte.runner.StepFailure f) {
          throw new BitteException(f.getMessage(), f.why() + "; log: " + s.env().show(f.log()),
              "fix the cause and rerun `bitte plan`; later workspaces read the remote state of earlier ones, so plan them after `bitte apply --only <earlier>`");
        } catch (BitteException e) {
          throw new BitteException("cannot plan workspace " + ws + ": " + e.what(), e.why(), e.next()
              + "; or plan only what exists: later workspaces need the earlier ones applied (`bitte apply --only <earlier>`), hydrate the core deployed",
              e);
        }
      }
      if (!noJobs && !s.manifest().jobs().isEmpty()) { // no tunnel to Nomad for a fleet without jobs
        NomadJobs jobs = s.nomadJobs(false);
        for (Manifest.JobFile j : jobs.select(List.of())) {
          changes |= jobs.plan(j);
        }
      }
      if (c.dryRun()) {
        c.line("dry run: nothing was run");
        return 0;
      }
      c.line(changes ? "changes planned" : "no changes");
      return changes ? 1 : 0;
    }
  }

  @CommandLine.Command(name = "apply", description = "Apply the fleet: bootstrap, network, core, secrets, deploy-core, clients, hydrate, jobs; resumable after a failure.",
      footer = {"", "Steps:",
          "  bootstrap    state bucket and KMS keys (local state)",
          "  network      VPCs, subnets, routes, peering",
          "  core         core instances, security groups, DNS",
          "  secrets      CA, certificates, gossip keys, ACL tokens into the",
          "               secrets folder (what exists is kept)",
          "  deploy-core  secrets and nixos-rebuild switch on each core node behind",
          "               a health gate; Consul tokens; Vault initialized once",
          "  clients      each group's secrets to the state bucket, the groups,",
          "               then a rolling instance refresh of each group whose",
          "               secrets changed since the last upload",
          "  hydrate      Nomad namespaces, Vault policies and JWT roles, Consul's auth",
          "               method for workload identities, intentions",
          "  jobs         every Nomad job, registered through the HTTP API",
          "", "A failed step names its log and the command that resumes there."})
  static final class Apply extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Option(names = "--only", paramLabel = "STEP", description = "run just this step") String only;

    @Option(names = "--from", paramLabel = "STEP", description = "run from this step to the end") String from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1", description = "non-server core nodes deployed at once (servers always go one at a time)")
    int limit;

    @Mixin TerraformOptions terraform;

    @Mixin NomadOptions nomad;
    @Mixin HealthOptions health;

    @Override
    public Integer call() {
      if (only != null && from != null) {
        throw new BitteException("--only and --from together", "they pick the steps in two different ways", "use one of them");
      }
      Session s = session(fleet, o -> {
        terraform.apply(o);
        nomad.apply(o);
        health.apply(o);
      });
      ApplyRunner runner = new ApplyRunner(s, limit);
      runner.run(runner.steps(only, from), only != null || from != null);
      return 0;
    }
  }

  @CommandLine.Command(name = "destroy", description = "Tear the fleet down: purge its Nomad jobs, then terraform destroy hydrate, clients, core and network; needs --yes.",
      footer = {"", "Steps (the apply order reversed):",
          "  jobs       every job of the fleet stopped and purged (HTTP API)",
          "  hydrate    namespaces, Vault policies and roles, Consul auth method",
          "  clients    the client groups and their instances",
          "  core       core instances, their security groups and DNS",
          "  network    VPCs, subnets, routes, peering",
          "",
          "Each Terraform step is `plan -destroy`, then apply of that plan.",
          "Kept: bootstrap (its bucket holds every workspace's state) and the",
          "local secrets folder. Destroyed steps are recorded in the journal: a",
          "rerun after a failure skips them, and the next `bitte apply` runs",
          "them again. Try --dry-run first."})
  static final class Destroy extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Option(names = "--only", paramLabel = "STEP", description = "destroy just this step (also one the journal says is destroyed)") String only;

    @Option(names = "--yes", description = "really destroy (required unless --dry-run)") boolean yes;

    @Mixin TerraformOptions terraform;

    @Mixin NomadOptions nomad;

    @Override
    public Integer call() {
      Session s = session(fleet, o -> {
        terraform.apply(o);
        nomad.apply(o);
      });
      ApplyRunner runner = new ApplyRunner(s, 1);
      runner.destroy(runner.destroySteps(only), yes, only != null);
      return 0;
    }
  }

  @CommandLine.Command(name = "secrets", description = "Generate the CA, node certificates, gossip keys and ACL bootstrap tokens into the local secrets folder (0600), never into artifacts.")
  static final class Secrets extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Option(names = "--reissue", description = "renew every leaf certificate with the existing CA (e.g. after addresses changed)")
    boolean reissue;

    @Override
    public Integer call() {
      Session s = session(fleet, o -> { });
      s.secrets().generate(s.manifest(), s.state(), reissue);
      s.console().line(s.console().dryRun() ? "dry run: nothing was written" : "secrets in " + s.env().show(s.state().secrets()));
      return 0;
    }
  }

  @CommandLine.Command(name = "deploy", description = "Upload secrets and nixos-rebuild switch the core nodes: servers one at a time behind a health gate.")
  static final class Deploy extends FleetCommand {
    @Parameters(paramLabel = "NODE", arity = "0..*", description = "core nodes to deploy; default all") List<String> nodes = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1", description = "non-server nodes deployed at once (default ${DEFAULT-VALUE})")
    int limit;

    @Mixin HealthOptions health;

    @Override
    public Integer call() {
      Session s = session(null, health::apply);
      Deployer d = s.deployer();
      List<Manifest.CoreNode> targets = d.select(nodes);
      try {
        d.deploy(targets, limit);
      } catch (dev.bitte.runner.StepFailure f) {
        throw new BitteException(f.getMessage(), f.why() + "; log: " + s.env().show(f.log()),
            "fix the cause, then `bitte deploy -f " + s.fleetArg() + " <remaining nodes>`");
      }
      s.console().line(s.console().dryRun() ? "dry run: nothing was run" : "deployed " + targets.size() + " node(s)");
      return 0;
    }
  }

  @CommandLine.Command(name = "jobs", description = "Nomad jobs through the HTTP API.",
      subcommands = {JobsPlan.class, JobsRun.class, JobsStatus.class, JobsStop.class})
  static final class Jobs implements Callable<Integer> {
    @ParentCommand Cli root;

    @Override
    public Integer call() {
      new CommandLine(this).usage(root.out);
      return 0;
    }
  }

  abstract static class JobsCommand implements Callable<Integer> {
    @ParentCommand Jobs jobs;
    @Mixin FleetOptions fleetOptions;
    @Mixin NomadOptions nomad;
    @Parameters(paramLabel = "JOB", arity = "0..*", description = "job ids (or namespace/id); default all jobs of the fleet")
    List<String> names = new ArrayList<>();

    NomadJobs open() {
      Cli r = jobs.root;
      Session.Options o = fleetOptions.toOptions(null);
      nomad.apply(o);
      Session s = new Session(r.env, new Console(r.out, r.err, fleetOptions.dryRun), o);
      r.sessions.add(s);
      return s.nomadJobs(false);
    }
  }

  @CommandLine.Command(name = "plan", description = "Diff each job against the cluster (exit 1 when a job would change).")
  static final class JobsPlan extends JobsCommand {
    @Override
    public Integer call() {
      NomadJobs j = open();
      boolean changes = false;
      for (Manifest.JobFile f : j.select(names)) {
        changes |= j.plan(f);
      }
      return changes ? 1 : 0;
    }
  }

  @CommandLine.Command(name = "run", description = "Plan, register with EnforceIndex and follow the evaluation and deployment.")
  static final class JobsRun extends JobsCommand {
    @Override
    public Integer call() {
      NomadJobs j = open();
      for (Manifest.JobFile f : j.select(names)) {
        j.run(f);
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "status", description = "Each job's status and latest deployment.")
  static final class JobsStatus extends JobsCommand {
    @Override
    public Integer call() {
      NomadJobs j = open();
      for (Manifest.JobFile f : j.select(names)) {
        j.status(f);
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "stop", description = "Stop jobs (not purged) and follow the evaluation.")
  static final class JobsStop extends JobsCommand {
    @Override
    public Integer call() {
      if (names.isEmpty()) {
        throw new BitteException("jobs stop needs job names", "stopping every job at once is rarely meant", "name the jobs: `bitte jobs stop web batch`");
      }
      NomadJobs j = open();
      for (Manifest.JobFile f : j.select(names)) {
        j.stop(f);
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "info", description = "Addresses, endpoints, terraform outputs and apply progress of a fleet.")
  static final class Info extends FleetCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FLEET") String fleet;

    @Override
    public Integer call() {
      Session s = session(fleet, o -> { });
      PrintStream out = root().out;
      Manifest m = s.manifest();
      out.println("cluster   " + m.clusterName() + " (" + m.domain() + ")");
      out.println("artifacts " + s.env().show(s.artifacts().dir()));
      out.println("state     " + s.env().show(s.state().root()));
      out.println("secrets   " + s.env().show(s.state().secrets()) + (Files.isDirectory(s.state().secrets()) ? "" : " (not generated yet: bitte secrets)"));
      out.println("nomad     " + s.nomadConfig(false, false).address());
      out.println("nodes");
      for (Manifest.CoreNode n : m.coreNodes()) {
        out.printf(Locale.ROOT, "  %-12s %-10s private %-15s ssh root@%s%n", n.name(), n.role(), n.privateIp(), s.state().nodeAddress(n.name(), n.privateIp()));
      }
      out.println("terraform outputs");
      for (String ws : m.workspaces()) {
        JsonNode o = s.state().outputs(ws);
        if (o.isEmpty()) {
          out.println("  " + ws + ": (not applied yet)");
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String v = e.getValue().path("sensitive").asBoolean() ? "(sensitive)" : e.getValue().path("value").toString();
          out.println("  " + ws + "." + e.getKey() + " = " + v);
        }
      }
      var journal = dev.bitte.runner.state.Journal.load(s.state().journalFile());
      out.println("apply");
      for (String step : m.applyOrder()) {
        String st = journal.exists() && journal.manifestSha256().equals(s.artifacts().manifestSha256()) ? journal.status(step) : "";
        out.println("  " + step + ": " + (st.isEmpty() ? "pending" : st));
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "ssh", description = "ssh root@<node> (address from the core outputs, else the private IP).")
  static final class Ssh extends FleetCommand {
    @Parameters(index = "0", paramLabel = "NODE") String node;
    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "remote command (after --)") List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
      Session s = session(null, o -> { });
      Manifest.CoreNode n = s.manifest().coreNode(node);
      if (n == null) {
        throw new BitteException("no core node \"" + node + "\" in " + s.manifest().clusterName(),
            "the core nodes are " + String.join(", ", s.manifest().coreNodes().stream().map(Manifest.CoreNode::name).toList()), "use one of them");
      }
      Tools.Tool ssh = s.tools().require("ssh", s.console().dryRun());
      String addr = s.console().dryRun() ? s.state().nodeAddressShown(n.name(), n.privateIp()) : s.state().nodeAddress(n.name(), n.privateIp());
      List<String> args = new ArrayList<>(List.of("root@" + addr));
      args.addAll(command);
      return new ProcessRunner(s.env(), s.console()).interactive(new Command(ssh, args, Map.of(), Map.of()));
    }
  }
}
