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
import dev.bitte.runner.secrets.SecretFiles;
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
 *
 * <p>Running instances fetched their group's files at boot and keep them: when a group's files
 * changed since the last upload (after {@code bitte secrets --reissue}, say), the clients step
 * ends with a rolling instance refresh of that group's auto scaling group ({@link #refresh}), so
 * its instances come back with the new files. The digest of what was uploaded is recorded
 * ({@code group-hosts/<group>.sha256}, 0600) only after terraform, per group once its refresh has
 * started ({@link #refreshAndRecord}): a step that failed in between refreshes on the rerun.
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

  /** What one upload did for a group: the digest of its files now, and whether they differ from the last recorded upload's. */
  public record Uploaded(Manifest.ClientGroup group, String digest, boolean changed) {}

  /**
   * Uploads every group's files; returns, per group, their digest and whether they changed since
   * the last upload recorded by {@link #refreshAndRecord} (a group never uploaded before has not "changed":
   * its instances are new). Empty in a dry run and when there is nothing to upload.
   */
  public List<Uploaded> upload(Path log) {
    Manifest m = artifacts.manifest();
    List<Manifest.ClientGroup> groups = m.clientGroups();
    if (groups.isEmpty()) {
      return List.of();
    }
    if (!artifacts.has("terraform/clients/main.tf.json")) {
      // Jobs compiled in another module than their cluster: that module's folder owns the groups.
      console.note("skip the client groups' secrets: the artifacts have no terraform/clients (the cluster's own module uploads them)");
      return List.of();
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
    List<Uploaded> out = new java.util.ArrayList<>();
    for (Manifest.ClientGroup g : groups) {
      Path staged = state.secrets().resolve("group-hosts").resolve(g.name());
      List<HostSecrets.HostFile> files = secrets.files(g);
      String digest = null;
      if (!console.dryRun()) {
        stage(secrets, g, staged, files);
        digest = digest(staged);
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
      if (digest != null) {
        String previous = recorded(g);
        out.add(new Uploaded(g, digest, previous != null && !previous.equals(digest)));
      }
    }
    return out;
  }

  /**
   * After the clients workspace: records what was uploaded, and starts a rolling instance refresh
   * ({@code aws autoscaling start-instance-refresh}) of every group whose files changed, so no
   * instance keeps certificates or tokens that were replaced. Replacements are launched before
   * old instances are terminated (100 % of the group kept in service, up to 150 % during the
   * refresh). A group's new digest is recorded as soon as its refresh has started (an unchanged
   * group's at once), so a rerun after one group's refresh was refused does not roll the others
   * again; every group is tried, and the refused ones are reported together. The step does not
   * wait for the refreshes: it prints how to follow each.
   */
  public void refreshAndRecord(List<Uploaded> uploaded, Path log) {
    if (console.dryRun()) {
      console.note("(a group whose secrets changed since the last upload then gets a rolling instance refresh:"
          + " aws autoscaling start-instance-refresh)");
      return;
    }
    forgetRemovedGroups();
    ProcessRunner runner = new ProcessRunner(env, console);
    List<String> refused = new java.util.ArrayList<>();
    for (Uploaded u : uploaded) {
      Manifest.ClientGroup g = u.group();
      if (!u.changed()) {
        record(u);
        continue;
      }
      if (g.autoscalingGroup().isEmpty()) {
        throw new BitteException("the manifest does not name the auto scaling group of client group " + g.name(),
            "artifacts from an older processor have no clientGroups[].autoscalingGroup", "regenerate the artifacts with `mvn compile`");
      }
      console.line("client group " + g.name() + ": its secrets changed since the last upload, and running instances keep what they"
          + " fetched at boot: rolling instance refresh of " + g.autoscalingGroup() + " (replacements launched first)");
      Command c = new Command(tools.require("aws", false), List.of("autoscaling", "start-instance-refresh", "--region", g.region(),
          "--auto-scaling-group-name", g.autoscalingGroup(), "--preferences", PREFERENCES), Map.of(), Map.of());
      ProcessRunner.Result r = runner.run(c, null, log, false, true);
      String watch = "aws autoscaling describe-instance-refreshes --region " + g.region() + " --auto-scaling-group-name "
          + g.autoscalingGroup();
      if (r.exitCode() != 0) {
        refused.add(g.name() + " (aws exited with status " + r.exitCode() + "; a refresh already running is refused: follow it with `"
            + watch + "`)");
        continue;
      }
      record(u);
      String id = refreshId(r.stdout());
      console.line("  refresh " + (id == null ? "started" : id + " started") + "; follow it with `" + watch + "`");
    }
    if (!refused.isEmpty()) {
      throw new StepFailure("starting the instance refresh of client group " + String.join(", ", refused),
          "the other groups are done; the credentials need autoscaling:StartInstanceRefresh", log);
    }
  }

  /** Launch replacements before terminating: nothing of the group is out of service during the refresh. */
  static final String PREFERENCES = "MinHealthyPercentage=100,MaxHealthyPercentage=150";

  /** The {@code InstanceRefreshId} of {@code start-instance-refresh}'s JSON answer, or null. */
  static String refreshId(String stdout) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"InstanceRefreshId\"\\s*:\\s*\"([^\"]+)\"").matcher(stdout == null ? "" : stdout);
    return m.find() ? m.group(1) : null;
  }

  private void record(Uploaded u) {
    SecretFiles.write(recordFile(u.group()), u.digest() + "\n");
  }

  /** A group no longer in the manifest: its record goes (a group of that name added later is new). */
  private void forgetRemovedGroups() {
    Path dir = state.secrets().resolve("group-hosts");
    if (!Files.isDirectory(dir)) {
      return;
    }
    java.util.Set<String> groups = new java.util.HashSet<>();
    artifacts.manifest().clientGroups().forEach(g -> groups.add(g.name() + ".sha256"));
    try (var list = Files.list(dir)) {
      for (Path p : list.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".sha256") && Files.isRegularFile(p) && !groups.contains(name)) {
          Files.delete(p);
        }
      }
    } catch (java.io.IOException e) {
      throw new BitteException("cannot tidy " + env.show(dir), e.toString(), "check the secrets folder's permissions");
    }
  }

  private Path recordFile(Manifest.ClientGroup g) {
    return state.secrets().resolve("group-hosts").resolve(g.name() + ".sha256");
  }

  /** The digest of the group's last recorded upload; null when there is none (a first upload). */
  private String recorded(Manifest.ClientGroup g) {
    Path f = recordFile(g);
    if (!Files.exists(f)) {
      return null;
    }
    try {
      return Files.readString(f).trim();
    } catch (java.io.IOException e) {
      throw new BitteException("cannot read " + env.show(f), e.toString() + ": without it bitte cannot tell whether the group's"
          + " running instances hold outdated secrets", "fix or delete the file (deleting it means: no instance refresh this time)");
    }
  }

  /** sha256 over the staged files, by relative path, in order: what the group's instances fetch. */
  static String digest(Path staged) {
    try (var walk = Files.walk(staged)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        md.update(staged.relativize(p).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(p));
        md.update((byte) 0);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new BitteException("cannot read the staged secrets in " + staged, e.toString(), "check the state folder's permissions");
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
