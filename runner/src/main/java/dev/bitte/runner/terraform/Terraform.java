package dev.bitte.runner.terraform;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.Env;
import dev.bitte.runner.artifacts.ArtifactFolder;
import dev.bitte.runner.exec.Command;
import dev.bitte.runner.exec.ProcessRunner;
import dev.bitte.runner.exec.Tools;
import dev.bitte.runner.state.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives terraform (or tofu) for one workspace. Runs in a working copy under the state folder
 * ({@code <state>/terraform/<workspace>/}), refreshed from the verified artifacts before every
 * run: the artifact folder stays untouched, and the bootstrap workspace's local state survives
 * {@code mvn clean}.
 */
public final class Terraform {
  public static final String PLAN_FILE = "bitte.tfplan";

  /** Outcome of {@code plan -detailed-exitcode}. */
  public enum PlanResult { NO_CHANGES, CHANGES }

  private final Env env;
  private final Console console;
  private final ProcessRunner runner;
  private final Tools.Tool tool;
  private final ArtifactFolder artifacts;
  private final StateDir state;
  private final Map<String, String> vars;

  public Terraform(Env env, Console console, Tools.Tool tool, ArtifactFolder artifacts, StateDir state, Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
    this.env = env;
    this.console = console;
    this.runner = new ProcessRunner(env, console);
    this.tool = tool;
    this.artifacts = artifacts;
    this.state = state;
  }

  public static String prefix(String workspace) {
    return "terraform/" + workspace + "/";
  }

  /** Whether the artifacts have this workspace at all. */
  public boolean present(String workspace) {
    return !artifacts.pathsUnder(prefix(workspace)).isEmpty();
  }

  /** Copies the verified workspace files into its working copy. */
  public Path stage(String workspace) {
    Path dir = state.terraformDir(workspace);
    console.action("copy verified " + prefix(workspace) + " (" + artifacts.pathsUnder(prefix(workspace)).size()
        + " files) to " + env.show(dir));
    if (!console.dryRun()) {
      artifacts.copyTo(prefix(workspace), dir);
    }
    return dir;
  }

  public void init(String workspace, Path dir, Path log) {
    check(runner.run(cmd(dir, "init", "-input=false"), null, log, false, false).exitCode(), workspace, "init", log);
  }

  public PlanResult plan(String workspace, Path dir, Path log, boolean tee, Map<String, String[]> secretEnv) {
    return plan(workspace, dir, log, tee, secretEnv, Map.of(), false);
  }

  /**
   * {@code plan} (with {@code destroy}, {@code plan -destroy}: what destroying the workspace's
   * resources would do), saved as the plan {@link #apply} then runs, with {@code optional}
   * variables the runner fills in itself (hydrate's provider addresses) unless TF_VAR_ sets them
   * (--var wins). For a destroy plan, required variables nobody set get a placeholder: Terraform
   * needs them set, not meaningful (the flake reference of new instances, for one).
   */
  public PlanResult plan(String workspace, Path dir, Path log, Map<String, String[]> secretEnv, Map<String, String> optional, boolean destroy) {
    return plan(workspace, dir, log, false, secretEnv, optional, destroy);
  }

  /** {@code plan} shown as it runs ({@code tee}), with the runner's optional variables. */
  public PlanResult plan(String workspace, Path dir, Path log, boolean tee, Map<String, String[]> secretEnv, Map<String, String> optional) {
    return plan(workspace, dir, log, tee, secretEnv, optional, false);
  }

  private PlanResult plan(String workspace, Path dir, Path log, boolean tee, Map<String, String[]> secretEnv, Map<String, String> optional,
      boolean destroy) {
    List<String> args = new ArrayList<>(List.of("plan"));
    if (destroy) {
      args.add("-destroy");
    }
    args.addAll(List.of("-input=false", "-detailed-exitcode", "-out=" + PLAN_FILE));
    optional.forEach((name, value) -> {
      if (vars.containsKey(name)) {
        args.add("-var");
        args.add(name + "=" + vars.get(name));
      } else if (env.get("TF_VAR_" + name) == null) {
        args.add("-var");
        args.add(name + "=" + value);
      }
    });
    args.addAll(variables(workspace, destroy));
    Command c = withEnv(cmd(dir, args.toArray(String[]::new)), secretEnv);
    int code = runner.run(c, null, log, tee, false).exitCode();
    if (code == 0) {
      return PlanResult.NO_CHANGES;
    }
    if (code == 2) {
      return PlanResult.CHANGES;
    }
    check(code, workspace, destroy ? "plan -destroy" : "plan", log);
    return PlanResult.CHANGES;
  }

  /** Forgets the workspace's saved outputs (after it was destroyed: its addresses are gone). */
  public void forgetOutputs(String workspace) {
    Path out = state.outputsFile(workspace);
    if (Files.exists(out)) {
      console.action("remove " + env.show(out));
      if (!console.dryRun()) {
        try {
          Files.delete(out);
        } catch (IOException e) {
          throw new BitteException("cannot remove " + env.show(out), e.toString(), "check the permissions of the state folder");
        }
      }
    }
  }

  public void apply(String workspace, Path dir, Path log, Map<String, String[]> secretEnv) {
    Command c = withEnv(cmd(dir, "apply", "-input=false", PLAN_FILE), secretEnv);
    check(runner.run(c, null, log, false, false).exitCode(), workspace, "apply", log);
  }

  /** {@code terraform output -json}, saved to {@code <state>/outputs/<workspace>.json} for later steps. */
  public void saveOutputs(String workspace, Path dir, Path log) {
    ProcessRunner.Result r = runner.run(cmd(dir, "output", "-json"), null, log, false, true);
    check(r.exitCode(), workspace, "output", log);
    Path out = state.outputsFile(workspace);
    console.action("save outputs to " + env.show(out));
    if (!console.dryRun()) {
      try {
        Files.createDirectories(out.getParent());
        Files.writeString(out, r.stdout().isBlank() ? "{}\n" : r.stdout(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BitteException("cannot save terraform outputs to " + out, e.getMessage(), "check the permissions of the state folder");
      }
    }
  }

  /**
   * {@code -var name=value} for each variable the manifest's terraform section says the workspace
   * requires (e.g. {@code nixos_flake} for clients): from --var, or left to terraform when
   * TF_VAR_<name> is set; a missing one is an error before terraform runs.
   */
  List<String> variables(String workspace) {
    return variables(workspace, false);
  }

  private List<String> variables(String workspace, boolean destroy) {
    List<String> out = new ArrayList<>();
    for (JsonNode ws : artifacts.manifest().raw().path("terraform").path("workspaces")) {
      if (!ws.path("name").asText().equals(workspace)) {
        continue;
      }
      for (JsonNode v : ws.path("variables")) {
        String name = v.path("name").asText();
        String description = v.path("description").asText(name);
        String known = vars.containsKey(name) || env.get("TF_VAR_" + name) != null ? null : runnerVariable(name);
        if (vars.containsKey(name)) {
          out.add("-var");
          out.add(name + "=" + (name.equals(CLUSTER_CA_VARIABLE) ? absolute(vars.get(name)) : vars.get(name)));
        } else if (known != null) {
          out.add("-var");
          out.add(name + "=" + known);
        } else if (env.get("TF_VAR_" + name) == null && destroy) {
          out.add("-var");
          out.add(name + "=" + DESTROY_PLACEHOLDER);
        } else if (env.get("TF_VAR_" + name) == null) {
          if (!console.dryRun()) {
            throw new BitteException("workspace " + workspace + " needs the variable " + name, description,
                "pass --var " + name + "=... to bitte, or set TF_VAR_" + name);
          }
          out.add("-var");
          out.add(name + "=<" + description + ">");
        }
      }
    }
    return out;
  }

  /** The value a destroy plan gets for a variable nobody set: Terraform needs one, destroying does not use it. */
  public static final String DESTROY_PLACEHOLDER = "unused-by-destroy";

  /** The variable the generated workspaces ask for that the runner answers itself from its state folder. */
  public static final String CLUSTER_CA_VARIABLE = "cluster_ca_file";

  /**
   * A variable the runner knows: {@code cluster_ca_file} (hydrate: Consul and Vault fetch Nomad's JWKS
   * over TLS with the cluster CA) is the secrets folder's {@code ca.pem}, which must exist unless
   * this is a dry run; null for any other name.
   */
  private String runnerVariable(String name) {
    if (!name.equals(CLUSTER_CA_VARIABLE)) {
      return null;
    }
    Path ca = state.secrets().resolve(dev.bitte.runner.secrets.SecretsGenerator.CA).toAbsolutePath();
    if (!console.dryRun() && !Files.isRegularFile(ca)) {
      throw new BitteException("workspace hydrate needs the cluster CA certificate " + env.show(ca),
          "the file does not exist", "run `bitte secrets` first (apply runs it before hydrate), or pass --var "
              + CLUSTER_CA_VARIABLE + "=<path of the CA's PEM file>");
    }
    // Absolute: terraform resolves file() paths against -chdir's folder, not ours.
    return ca.normalize().toString();
  }

  /** A path given on the command line, absolute: terraform resolves it in its -chdir folder. */
  private String absolute(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? path : env.cwd().resolve(p).normalize().toString();
  }

  private Command cmd(Path dir, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "-chdir=" + env.show(dir);
    System.arraycopy(args, 0, all, 1, args.length);
    return Command.of(tool, all);
  }

  private static Command withEnv(Command c, Map<String, String[]> secretEnv) {
    Command out = c;
    for (Map.Entry<String, String[]> e : secretEnv.entrySet()) {
      out = out.withSecretEnv(e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    return out;
  }

  private void check(int code, String workspace, String verb, Path log) {
    if (code != 0) {
      throw new dev.bitte.runner.StepFailure(tool.name() + " " + verb + " failed in workspace " + workspace,
          tool.name() + " exited with status " + code, log);
    }
  }
}
