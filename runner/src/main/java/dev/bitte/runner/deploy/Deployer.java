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
import dev.bitte.runner.health.HealthGate;
import dev.bitte.runner.secrets.HostSecrets;
import dev.bitte.runner.secrets.SecretsGenerator;
import dev.bitte.runner.state.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bitte deploy}: uploads each node's secrets, then {@code nixos-rebuild switch --flake
 * path:<nixos>#<node> --target-host root@<address>}. Servers go one at a time with a
 * {@link HealthGate} after each; the other core nodes go up to {@code limit} at once. The first
 * failure stops the deploy (nodes already running finish) and says how to roll back.
 */
public final class Deployer {
  private final Env env;
  private final Console console;
  private final Tools tools;
  private final ArtifactFolder artifacts;
  private final StateDir state;
  private final HealthGate gate;
  private final Runnable serversReady;

  /**
   * @param serversReady runs once the servers deployed here passed their gates (Nomad's ACL bootstrap)
   */
  public Deployer(Env env, Console console, Tools tools, ArtifactFolder artifacts, StateDir state, HealthGate gate, Runnable serversReady) {
    this.serversReady = serversReady;
    this.env = env;
    this.console = console;
    this.tools = tools;
    this.artifacts = artifacts;
    this.state = state;
    this.gate = gate;
  }

  /** The core nodes to deploy: all, or the named ones; servers first, in manifest order. */
  public List<Manifest.CoreNode> select(List<String> names) {
    Manifest m = artifacts.manifest();
    List<Manifest.CoreNode> chosen = new ArrayList<>();
    if (names == null || names.isEmpty()) {
      chosen.addAll(m.coreNodes());
    } else {
      for (String n : names) {
        Manifest.CoreNode node = m.coreNode(n);
        if (node == null) {
          boolean group = m.clientGroups().stream().anyMatch(g -> g.name().equals(n));
          throw new BitteException("no core node \"" + n + "\" in " + m.clusterName(),
              group ? "\"" + n + "\" is a client group: its instances boot into their NixOS configuration from the launch template"
                  : "the core nodes are " + String.join(", ", m.coreNodes().stream().map(Manifest.CoreNode::name).toList()),
              group ? "roll the group with an instance refresh (terraform apply of the clients workspace), not with deploy"
                  : "use one of the names above");
        }
        chosen.add(node);
      }
    }
    List<Manifest.CoreNode> ordered = new ArrayList<>(chosen.stream().filter(Manifest.CoreNode::server).toList());
    ordered.addAll(chosen.stream().filter(n -> !n.server()).toList());
    return ordered;
  }

  public void deploy(List<Manifest.CoreNode> nodes, int limit) {
    if (!artifacts.has("nixos/flake.nix")) {
      console.note("skip: the artifacts have no nixos/flake.nix");
      return;
    }
    Tools.Tool nixosRebuild = tools.require("nixos-rebuild", console.dryRun());
    Tools.Tool ssh = tools.require("ssh", console.dryRun());
    Tools.Tool scp = tools.require("scp", console.dryRun());
    if (!console.dryRun() && !Files.exists(state.secrets().resolve(SecretsGenerator.CA))) {
      throw new BitteException("no secrets for " + artifacts.manifest().clusterName() + " in " + env.show(state.secrets()),
          "deploy uploads the CA, node certificates, gossip keys and tokens the NixOS modules read",
          "run `bitte secrets` (or `bitte apply --only secrets`) first");
    }
    new HostSecrets(artifacts); // a malformed nixos/secrets.json fails before any node is touched
    Path flake = state.nixosDir();
    console.action("copy verified nixos/ (" + artifacts.pathsUnder("nixos/").size() + " files) to " + env.show(flake));
    if (!console.dryRun()) {
      artifacts.copyTo("nixos/", flake);
    }
    List<Manifest.CoreNode> servers = artifacts.manifest().coreNodes().stream().filter(Manifest.CoreNode::server).toList();
    List<Manifest.CoreNode> serverTargets = nodes.stream().filter(Manifest.CoreNode::server).toList();
    HealthGate.Mode mode = serverTargets.isEmpty() ? HealthGate.Mode.ROLLING : gate.mode(serverTargets.get(0));
    if (!console.dryRun()) {
      console.note("health gate mode: " + (mode == HealthGate.Mode.ROLLING ? "rolling (the cluster has a leader)" : "bootstrap (no leader yet)"));
    }
    int deployedServers = 0;
    for (Manifest.CoreNode n : serverTargets) {
      deployOne(n, flake, nixosRebuild, ssh, scp);
      deployedServers = mode == HealthGate.Mode.ROLLING ? servers.size() : deployedServers + 1;
      gate.await(n, mode, servers, deployedServers, state.log("deploy-" + n.name()));
    }
    if (!serverTargets.isEmpty()) {
      serversReady.run();
    }
    List<Manifest.CoreNode> others = nodes.stream().filter(n -> !n.server()).toList();
    if (others.isEmpty()) {
      return;
    }
    if (console.dryRun() || limit <= 1 || others.size() == 1) {
      if (limit > 1 && console.dryRun() && others.size() > 1) {
        console.note("(the next " + others.size() + " nodes run up to " + limit + " at a time)");
      }
      for (Manifest.CoreNode n : others) {
        deployOne(n, flake, nixosRebuild, ssh, scp);
        gate.await(n, mode, servers, deployedServers, state.log("deploy-" + n.name()));
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, others.size()));
    final HealthGate.Mode m = mode;
    final int ds = deployedServers;
    Map<Manifest.CoreNode, Future<?>> running = new LinkedHashMap<>();
    List<RuntimeException> failures = new ArrayList<>();
    try {
      for (Manifest.CoreNode n : others) {
        running.put(n, pool.submit(() -> {
          synchronized (failures) {
            if (!failures.isEmpty()) {
              return; // stop on the first failure: nodes not started yet stay as they are
            }
          }
          try {
            deployOne(n, flake, nixosRebuild, ssh, scp);
            gate.await(n, m, servers, ds, state.log("deploy-" + n.name()));
          } catch (RuntimeException e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        }));
      }
      for (Future<?> f : running.values()) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BitteException("interrupted during deploy", "the runner was stopped", "rerun the deploy");
        }
      }
    } finally {
      pool.shutdown();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private void deployOne(Manifest.CoreNode n, Path flake, Tools.Tool nixosRebuild, Tools.Tool ssh, Tools.Tool scp) {
    String addr = console.dryRun() ? state.nodeAddressShown(n.name(), n.privateIp()) : state.nodeAddress(n.name(), n.privateIp());
    String target = "root@" + addr;
    Path log = state.log("deploy-" + n.name());
    console.line("node " + n.name() + " (" + n.role() + ") at " + addr);
    ProcessRunner runner = new ProcessRunner(env, console);
    HostSecrets secrets = new HostSecrets(artifacts);
    String remoteDir = secrets.remoteDir();
    List<HostSecrets.HostFile> files = secrets.files(n);
    Path staged = state.secrets().resolve("hosts").resolve(n.name());
    // Services that read their files through systemd credentials hold the copy they started with:
    // those whose files changed since the last deploy from here are restarted after the switch.
    TreeSet<String> restart = new TreeSet<>();
    if (!console.dryRun()) {
      java.util.Map<String, byte[]> before = new java.util.HashMap<>();
      for (HostSecrets.HostFile f : files) {
        Path p = staged.resolve(f.relative());
        if (Files.isRegularFile(p)) {
          try {
            before.put(f.relative(), Files.readAllBytes(p));
          } catch (java.io.IOException e) {
            throw new BitteException("cannot read " + env.show(p), e.toString(), "check the secrets folder's permissions");
          }
        }
      }
      stageSecrets(secrets, n, staged, files);
      for (HostSecrets.HostFile f : files) {
        String unit = secrets.readBy(f);
        byte[] old = before.get(f.relative());
        if (unit != null && old != null) {
          try {
            if (!java.util.Arrays.equals(old, Files.readAllBytes(staged.resolve(f.relative())))) {
              restart.add(unit);
            }
          } catch (java.io.IOException e) {
            throw new BitteException("cannot read " + env.show(staged.resolve(f.relative())), e.toString(), "check the secrets folder's permissions");
          }
        }
      }
    }
    if (files.isEmpty()) {
      console.note("no secrets for " + n.name());
    } else {
      // 0711: services running as their own users (consul, vault, grafana) can reach their files, not list them.
      TreeSet<String> dirs = new TreeSet<>();
      files.forEach(f -> dirs.add(f.directory()));
      List<String> mkdir = new ArrayList<>(List.of("-o", "BatchMode=yes", target, "install", "-d", "-m", "0711", remoteDir));
      dirs.stream().filter(d -> !d.isEmpty()).forEach(d -> mkdir.add(remoteDir + "/" + d));
      run(runner, new Command(ssh, mkdir, Map.of(), Map.of()), log, n, addr, "create " + remoteDir);
      for (String d : dirs) {
        List<String> scpArgs = new ArrayList<>(List.of("-p", "-q", "-o", "BatchMode=yes"));
        files.stream().filter(f -> f.directory().equals(d)).map(f -> env.show(staged.resolve(f.relative()))).forEach(scpArgs::add);
        scpArgs.add(target + ":" + remoteDir + (d.isEmpty() ? "" : "/" + d) + "/");
        run(runner, new Command(scp, scpArgs, Map.of(), Map.of()), log, n, addr, "upload secrets");
      }
    }
    run(runner, Command.of(nixosRebuild, "switch", "--flake", "path:" + flake.toAbsolutePath() + "#" + n.name(), "--target-host", target),
        log, n, addr, "nixos-rebuild switch");
    if (!restart.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("-o", "BatchMode=yes", target, "systemctl", "try-restart"));
      args.addAll(restart);
      console.note("secrets of " + String.join(", ", restart) + " changed: restarting them (they read systemd credentials at start)");
      run(runner, new Command(ssh, args, Map.of(), Map.of()), log, n, addr, "restart the services whose secrets changed");
    }
  }

  private void run(ProcessRunner runner, Command c, Path log, Manifest.CoreNode n, String addr, String what) {
    int code = runner.run(c, null, log, false, false).exitCode();
    if (code != 0) {
      throw new StepFailure(what + " failed on " + n.name() + " (" + addr + ")",
          c.tool().name() + " exited with status " + code + "; nodes after " + n.name()
              + " were not touched; to roll " + n.name() + " back run `nixos-rebuild switch --rollback --target-host root@" + addr + "`",
          log);
    }
  }

  /** Renders the node's files into the secrets folder (0600; the CA certificate 0644), from where scp -p copies them with their modes. */
  private void stageSecrets(HostSecrets secrets, Manifest.CoreNode n, Path staged, List<HostSecrets.HostFile> files) {
    if (!Files.exists(state.secrets().resolve(SecretsGenerator.CA))) {
      throw new BitteException("no secrets for " + artifacts.manifest().clusterName() + " in " + env.show(state.secrets()),
          "deploy uploads the CA, node certificates, gossip keys and tokens the NixOS modules read",
          "run `bitte secrets` (or `bitte apply --only secrets`) first");
    }
    HostSecrets.stage(staged, files, f -> secrets.render(f, n, state));
  }
}
