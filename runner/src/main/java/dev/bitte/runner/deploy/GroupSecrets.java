package dev.bitte.runner.deploy;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.Env;
import dev.bitte.runner.StepFailure;
import dev.bitte.runner.artifacts.ArtifactFolder;
import dev.bitte.runner.artifacts.Manifest;
import dev.bitte.runner.exec.Command;
import dev.bitte.runner.exec.ProcessRunner;
import dev.bitte.runner.exec.Tools;
import dev.bitte.runner.secrets.HostSecrets;
import dev.bitte.runner.secrets.SecretsGenerator;
import dev.bitte.runner.state.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The client groups' secrets, before the clients workspace creates or refreshes their instances:
 * each group's files (the CA, the group's certificate, the gossip key, the client agents' and
 * Nomad clients' Consul tokens) rendered from the secrets folder into
 * {@code <state>/secrets/group-hosts/<group>/} and mirrored with {@code aws s3 sync --delete} to
 * {@code s3://<state bucket>/<the manifest's secretsPrefix>}, where only that group's instance
 * role may read them and a boot-time unit fetches them (see the NixOS host modules). The bucket's
 * default encryption (the state KMS key) applies; nothing secret is passed on the command line.
 */
public final class GroupSecrets {
  private final Env env;
  private final Console console;
  private final Tools tools;
  private final ArtifactFolder artifacts;
  private final StateDir state;

  public GroupSecrets(Env env, Console console, Tools tools, ArtifactFolder artifacts, StateDir state) {
    this.env = env;
    this.console = console;
    this.tools = tools;
    this.artifacts = artifacts;
    this.state = state;
  }

  public void upload(Path log) {
    Manifest m = artifacts.manifest();
    List<Manifest.ClientGroup> groups = m.clientGroups();
    if (groups.isEmpty()) {
      return;
    }
    if (!artifacts.has("terraform/clients/main.tf.json")) {
      // Jobs compiled in another module than their cluster: that module's folder owns the groups.
      console.note("skip the client groups' secrets: the artifacts have no terraform/clients (the cluster's own module uploads them)");
      return;
    }
    if (m.stateBucket().isEmpty() || groups.stream().anyMatch(g -> g.secretsPrefix().isEmpty())) {
      throw new BitteException("the manifest of " + m.clusterName() + " says nowhere where client groups fetch their secrets",
          "artifacts from an older processor have no clientGroups[].secretsPrefix or cluster.stateBucket",
          "regenerate the artifacts with `mvn compile`");
    }
    if (!console.dryRun() && !Files.exists(state.secrets().resolve(SecretsGenerator.CA))) {
      throw new BitteException("no secrets for " + m.clusterName() + " in " + env.show(state.secrets()),
          "the client groups' instances fetch their CA, certificates, gossip key and tokens at boot",
          "run `bitte secrets` (or `bitte apply --only secrets`) first");
    }
    Tools.Tool aws = tools.require("aws", console.dryRun());
    HostSecrets secrets = new HostSecrets(artifacts);
    ProcessRunner runner = new ProcessRunner(env, console);
    for (Manifest.ClientGroup g : groups) {
      Path staged = state.secrets().resolve("group-hosts").resolve(g.name());
      List<HostSecrets.HostFile> files = secrets.files(g);
      if (!console.dryRun()) {
        stage(secrets, g, staged, files);
      }
      String target = "s3://" + m.stateBucket() + "/" + g.secretsPrefix();
      console.line("client group " + g.name() + ": " + files.size() + " secret files to " + target);
      // sync --delete: the prefix holds exactly the group's files (none an earlier layout left).
      Command c = new Command(aws, List.of("s3", "sync", "--delete", "--only-show-errors", "--region", m.primaryRegion(),
          env.show(staged) + "/", target), Map.of(), Map.of());
      int code = runner.run(c, null, log, false, false).exitCode();
      if (code != 0) {
        throw new StepFailure("uploading the secrets of client group " + g.name() + " failed",
            "aws exited with status " + code + "; groups after " + g.name() + " were not uploaded; check the credentials terraform uses"
                + " (they need s3:PutObject on " + m.stateBucket() + " and kms:GenerateDataKey on the state key)",
            log);
      }
    }
  }

  /**
   * Renders the group's files (0600; the CA certificate 0644) into an emptied folder: {@code aws s3
   * sync} mirrors the whole folder, so nothing an earlier run left may stay there.
   */
  private void stage(HostSecrets secrets, Manifest.ClientGroup g, Path staged, List<HostSecrets.HostFile> files) {
    if (Files.exists(staged)) {
      try (var walk = Files.walk(staged)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (java.io.IOException e) {
        throw new BitteException("cannot empty " + env.show(staged), e.toString(), "check the secrets folder's permissions");
      }
    }
    HostSecrets.stage(staged, files, f -> secrets.render(f, g, state));
  }
}
