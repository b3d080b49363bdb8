package dev.bitte.runner.exec;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.Env;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SSH port forwards to the nodes' APIs. Consul (8501), Nomad (4646) and Vault (8200) listen only
 * to the VPC; SSH is the one port open to the admin networks. So the runner reaches a node's APIs
 * through {@code ssh -N -L 127.0.0.1:<free>:<private ip>:<port> root@<address>} and talks TLS to
 * 127.0.0.1, a name every node certificate carries. One tunnel per node, opened when first needed,
 * closed with the command.
 */
public final class SshTunnels implements AutoCloseable {
  /** The ports forwarded for every node. */
  public static final List<Integer> PORTS = List.of(8501, 4646, 8200);

  private final Env env;
  private final Console console;
  private final Tools tools;
  private final Path logDir;
  private final Map<String, Map<Integer, Integer>> open = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();

  public SshTunnels(Env env, Console console, Tools tools, Path logDir) {
    this.env = env;
    this.console = console;
    this.tools = tools;
    this.logDir = logDir;
  }

  /** The local URL that reaches {@code remotePort} of a node (opening its tunnel if needed). */
  public synchronized String url(String node, String sshAddress, String privateIp, int remotePort) {
    if (console.dryRun()) {
      if (!open.containsKey(node)) {
        open.put(node, Map.of());
        StringBuilder b = new StringBuilder("ssh -o BatchMode=yes -o ExitOnForwardFailure=yes -N");
        for (int p : PORTS) {
          b.append(" -L 127.0.0.1:<free port>:").append(privateIp).append(':').append(p);
        }
        console.command(b + " " + Command.quote("root@" + sshAddress) + " &  (tunnel to " + node + "'s APIs)");
      }
      return "https://127.0.0.1:<tunnel to " + node + ":" + remotePort + ">";
    }
    Map<Integer, Integer> ports = open.get(node);
    if (ports == null) {
      ports = start(node, sshAddress, privateIp);
      open.put(node, ports);
    }
    return "https://127.0.0.1:" + ports.get(remotePort);
  }

  private Map<Integer, Integer> start(String node, String sshAddress, String privateIp) {
    Tools.Tool ssh = tools.require("ssh", false);
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    List<String> args = new ArrayList<>(List.of("-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-N"));
    for (int p : PORTS) {
      int local = freePort();
      ports.put(p, local);
      args.add("-L");
      args.add("127.0.0.1:" + local + ":" + privateIp + ":" + p);
    }
    args.add("root@" + sshAddress);
    Command c = new Command(ssh, args, Map.of(), Map.of());
    console.command(c.display() + " &  (tunnel to " + node + "'s APIs)");
    Path log = logDir.resolve("tunnel-" + node + ".log");
    try {
      Files.createDirectories(logDir);
      ProcessBuilder pb = new ProcessBuilder(c.argv()).directory(env.cwd().toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().clear();
      pb.environment().putAll(env.vars());
      Process p = pb.start();
      processes.add(p);
      long deadline = System.nanoTime() + 15_000_000_000L;
      for (int local : ports.values()) {
        while (!accepts(local)) {
          if (!p.isAlive() || System.nanoTime() > deadline) {
            p.destroy();
            throw new BitteException("cannot open an SSH tunnel to " + node + " (root@" + sshAddress + ")",
                p.isAlive() ? "the forwarded ports did not open within 15s" : "ssh exited with status " + p.exitValue() + "; see " + env.show(log),
                "check that `ssh root@" + sshAddress + "` works from here (admin CIDRs, SSH key), or pass --direct when this machine is inside the VPC");
          }
          Thread.sleep(50);
        }
      }
      return ports;
    } catch (IOException e) {
      throw new BitteException("cannot start ssh for a tunnel to " + node, e.toString(), "check the ssh installation");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitteException("interrupted while opening a tunnel to " + node, "the runner was stopped", "rerun the command");
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BitteException("no free local port for an SSH tunnel", e.toString(), "free some ports");
    }
  }

  @Override
  public synchronized void close() {
    for (Process p : processes) {
      p.destroy();
    }
    processes.clear();
    open.clear();
  }
}
