package dev.bitte.runner;

import java.util.List;
import java.util.ArrayList;
import dev.bitte.runner.consul.ConsulAcl;
import dev.bitte.runner.artifacts.ArtifactFolder;
import dev.bitte.runner.artifacts.FleetLocator;
import dev.bitte.runner.artifacts.Manifest;
import dev.bitte.runner.deploy.Deployer;
import dev.bitte.runner.exec.Tools;
import dev.bitte.runner.health.HealthGate;
import dev.bitte.runner.health.Tls;
import dev.bitte.runner.nomad.NomadClient;
import dev.bitte.runner.nomad.NomadConfig;
import dev.bitte.runner.nomad.NomadJobs;
import dev.bitte.runner.secrets.SecretsGenerator;
import dev.bitte.runner.state.StateDir;
import dev.bitte.runner.terraform.Terraform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * One command's view of one fleet: the verified artifact folder, the state folder, and the
 * drivers built from them with the command's options.
 */
public final class Session implements AutoCloseable {
  /** Options that shape the drivers; commands fill in what they have. */
  public static final class Options {
    public String fleet;
    public boolean dryRun;
    public String stateDir;
    public String secretsDir;
    public String terraformBin;
    public java.util.Map<String, String> terraformVars = java.util.Map.of();
    public String nomadAddr;
    public Duration nomadTimeout = Duration.ofSeconds(30);
    public Duration nomadPoll = Duration.ofSeconds(2);
    public Duration nomadWait = Duration.ofMinutes(10);
    public Duration healthTimeout = Duration.ofMinutes(5);
    public Duration healthInterval = Duration.ofSeconds(5);
    /** Reach the APIs at the private IPs (inside the VPC, over a VPN) instead of through SSH tunnels. */
    public boolean direct;
  }

  private final Env env;
  private final Console console;
  private final Options options;
  private final ArtifactFolder artifacts;
  private final StateDir state;
  private final Tools tools;
  private final dev.bitte.runner.exec.SshTunnels tunnels;

  public Session(Env env, Console console, Options options) {
    this.env = env;
    this.console = console;
    this.options = options;
    Path dir = new FleetLocator(env).resolve(options.fleet);
    this.artifacts = ArtifactFolder.open(dir, env.show(dir));
    this.state = StateDir.of(env, artifacts.manifest().clusterName(), options.stateDir, options.secretsDir, dir);
    this.tools = new Tools(env);
    this.tunnels = new dev.bitte.runner.exec.SshTunnels(env, console, tools, state.root().resolve("logs"));
  }

  @Override
  public void close() {
    tunnels.close();
  }

  /**
   * The first server's API on {@code port} as the runner reaches it (its SSH tunnel, or with
   * --direct its private IP); null when the fleet has no server.
   */
  public String serverApi(int port) {
    Manifest.CoreNode first = firstServer();
    return first == null ? null : api(first, port);
  }

  /** Where a node's API answers: through its SSH tunnel, or (--direct) at its private IP. */
  private String api(Manifest.CoreNode n, int port) {
    if (options.direct) {
      return "https://" + n.privateIp() + ":" + port;
    }
    return tunnels.url(n.name(), address(n), n.privateIp(), port);
  }

  public Env env() {
    return env;
  }

  public Console console() {
    return console;
  }

  public Options options() {
    return options;
  }

  public ArtifactFolder artifacts() {
    return artifacts;
  }

  public Manifest manifest() {
    return artifacts.manifest();
  }

  public StateDir state() {
    return state;
  }

  public Tools tools() {
    return tools;
  }

  /** How to name this fleet in a command we suggest. */
  public String fleetArg() {
    StringBuilder b = new StringBuilder(options.fleet == null ? manifest().clusterName() : options.fleet);
    if (options.stateDir != null) {
      b.append(" --state-dir ").append(options.stateDir);
    }
    if (options.secretsDir != null) {
      b.append(" --secrets-dir ").append(options.secretsDir);
    }
    return b.toString();
  }

  public Terraform terraform() {
    return new Terraform(env, console, tools.terraform(options.terraformBin, console.dryRun()), artifacts, state, options.terraformVars);
  }

  public SecretsGenerator secrets() {
    return new SecretsGenerator(env, console, new SecureRandom());
  }

  private Manifest.CoreNode firstServer() {
    return manifest().coreNodes().stream().filter(Manifest.CoreNode::server).findFirst()
        .orElse(manifest().coreNodes().isEmpty() ? null : manifest().coreNodes().get(0));
  }

  private String address(Manifest.CoreNode n) {
    return console.dryRun() ? state.nodeAddressShown(n.name(), n.privateIp()) : state.nodeAddress(n.name(), n.privateIp());
  }

  /** Secrets-folder TLS material for talking to the cluster from here: the CA and the operator certificate. */
  private SSLContext clusterTls() {
    Path ca = state.secrets().resolve(SecretsGenerator.CA);
    if (console.dryRun() || !Files.isRegularFile(ca)) {
      return null;
    }
    Path cert = state.secrets().resolve(SecretsGenerator.CLI);
    Path key = state.secrets().resolve(SecretsGenerator.CLI_KEY);
    boolean withClient = Files.isRegularFile(cert) && Files.isRegularFile(key);
    return Tls.context(ca, withClient ? cert : null, withClient ? key : null);
  }

  public dev.bitte.runner.deploy.GroupSecrets groupSecrets() {
    return new dev.bitte.runner.deploy.GroupSecrets(env, console, tools, artifacts, state);
  }

  public Deployer deployer() {
    String consulEnv = env.get("CONSUL_HTTP_ADDR");
    String consul = consulEnv == null ? null
        : consulEnv.contains("://") ? consulEnv : ("true".equalsIgnoreCase(env.get("CONSUL_HTTP_SSL")) ? "https://" : "http://") + consulEnv;
    String nomad = options.nomadAddr != null ? options.nomadAddr : env.get("NOMAD_ADDR");
    String vault = env.get("VAULT_ADDR");
    HealthGate gate = new HealthGate(console, n -> new HealthGate.Endpoints(
        consul != null ? strip(consul) : api(n, 8501),
        nomad != null ? strip(nomad) : api(n, 4646),
        vault != null ? strip(vault) : api(n, 8200)),
        clusterTls(), Duration.ofSeconds(10), options.healthTimeout, options.healthInterval);
    String consulBase = consul != null ? strip(consul) : null;
    String vaultBase = vault != null ? strip(vault) : null;
    // Vault first: a failure in the Consul step must not leave Vault uninitialized.
    return new Deployer(env, console, tools, artifacts, state, gate, () -> {
      bootstrapNomadAcls();
      initVault(vaultBase);
      makeConsulTokens(consulBase);
    });
  }

  /**
   * Initializes Vault through the first server unless it is (auto-unseal: recovery keys only);
   * the root token and the recovery keys go to the secrets folder, never to the console.
   */
  private void initVault(String vaultBase) {
    Manifest.CoreNode first = firstServer();
    if (first == null || !first.server()) {
      return;
    }
    String base = vaultBase != null ? vaultBase : api(first, 8200);
    Path dir = state.secrets();
    console.action("GET " + base + "/v1/sys/init; when not initialized, PUT " + base + "/v1/sys/init (recovery_shares "
        + dev.bitte.runner.vault.VaultInit.RECOVERY_SHARES + ", threshold " + dev.bitte.runner.vault.VaultInit.RECOVERY_THRESHOLD
        + ": the awskms seal has no unseal keys) and save the root token and recovery keys to "
        + env.show(dir.resolve(dev.bitte.runner.vault.VaultInit.ROOT_TOKEN)) + " and "
        + env.show(dir.resolve(dev.bitte.runner.vault.VaultInit.RECOVERY_KEYS)) + " (0600)");
    if (console.dryRun()) {
      return;
    }
    console.note("vault: " + new dev.bitte.runner.vault.VaultInit(base, clusterTls(), Duration.ofSeconds(30)).ensure(dir));
  }

  /**
   * Consul's policies and the fleet's tokens (each core node's agent, DNS, Nomad, Vault), made
   * with the management token through the first server once it has a leader; the SecretIDs come
   * from the secrets folder, where the hosts' files got them from.
   */
  private void makeConsulTokens(String consulBase) {
    Manifest m = manifest();
    Manifest.CoreNode first = firstServer();
    String base = consulBase != null ? consulBase : first == null ? null : api(first, 8501);
    if (base == null) {
      return;
    }
    Path dir = state.secrets();
    List<ConsulAcl.Policy> policies = m.clientGroups().isEmpty() ? ConsulAcl.POLICIES : ConsulAcl.POLICIES_WITH_CLIENTS;
    console.action("PUT " + base + "/v1/acl/policy (" + String.join(", ", policies.stream().map(ConsulAcl.Policy::name).toList())
        + "), PUT " + base + "/v1/acl/token (an agent token per core node, as its node identity; dns, nomad, vault"
        + (m.clientGroups().isEmpty() ? "" : "; client agents, nomad clients") + "), with the management token"
        + " and the SecretIDs from " + env.show(dir) + "; existing ones are updated");
    if (console.dryRun()) {
      return;
    }
    List<ConsulAcl.Token> tokens = new ArrayList<>();
    String dc = m.primaryRegion();
    for (Manifest.CoreNode n : m.coreNodes()) {
      tokens.add(new ConsulAcl.Token(secret(dir.resolve(SecretsGenerator.consulAgentToken(n.name()))), "bitte agent " + n.name(), List.of(), n.name(), dc));
    }
    tokens.add(new ConsulAcl.Token(secret(dir.resolve(SecretsGenerator.CONSUL_DNS_TOKEN)), "bitte dns (agents' default token)", List.of(ConsulAcl.DNS.name()), null, null));
    tokens.add(new ConsulAcl.Token(secret(dir.resolve(SecretsGenerator.CONSUL_NOMAD_TOKEN)), "bitte nomad servers", List.of(ConsulAcl.NOMAD.name()), null, null));
    tokens.add(new ConsulAcl.Token(secret(dir.resolve(SecretsGenerator.CONSUL_VAULT_TOKEN)), "bitte vault", List.of(ConsulAcl.VAULT.name()), null, null));
    boolean clients = !m.clientGroups().isEmpty();
    if (clients) {
      tokens.add(new ConsulAcl.Token(secret(dir.resolve(SecretsGenerator.CONSUL_CLIENT_AGENT_TOKEN)), "bitte client agents",
          List.of(ConsulAcl.CLIENT_AGENT.name()), null, null));
      tokens.add(new ConsulAcl.Token(secret(dir.resolve(SecretsGenerator.CONSUL_NOMAD_CLIENT_TOKEN)), "bitte nomad clients",
          List.of(ConsulAcl.NOMAD_CLIENT.name()), null, null));
    }
    ConsulAcl acl = new ConsulAcl(base, secret(dir.resolve(SecretsGenerator.CONSUL_TOKEN)), clusterTls(), Duration.ofSeconds(10),
        options.healthTimeout, options.healthInterval);
    console.note("consul ACLs: " + acl.ensure(clients ? ConsulAcl.POLICIES_WITH_CLIENTS : ConsulAcl.POLICIES, tokens));
  }

  private String secret(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new BitteException("cannot read " + env.show(file), e.toString(), "run `bitte secrets` (it generates what is missing)");
    }
  }

  /** Makes the generated Nomad bootstrap token the management token (once; later runs find it done). */
  private void bootstrapNomadAcls() {
    Path tokenFile = state.secrets().resolve(SecretsGenerator.NOMAD_TOKEN);
    NomadConfig c = nomadConfig(false, true);
    console.action("POST " + c.address() + "/v1/acl/bootstrap (BootstrapSecret from " + env.show(tokenFile) + "; a cluster bootstrapped before answers \"already done\")");
    if (console.dryRun()) {
      return;
    }
    try {
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      console.note("nomad ACLs: " + new NomadClient(env, c).aclBootstrap(token));
    } catch (IOException e) {
      throw new BitteException("cannot read " + env.show(tokenFile), e.toString(), "run `bitte secrets`");
    }
  }

  /**
   * Nomad as the nomad CLI would reach it (NOMAD_ADDR, NOMAD_TOKEN, NOMAD_CACERT, ...), except
   * that without NOMAD_ADDR it goes to the fleet's first server over TLS with the cluster CA,
   * and that {@code bootstrapToken} lets apply use the ACL bootstrap token from the secrets folder.
   */
  /** Whether the operator named Nomad's address (--nomad-addr or NOMAD_ADDR) rather than leaving it to the core outputs. */
  public boolean nomadAddressGiven() {
    return options.nomadAddr != null || env.get("NOMAD_ADDR") != null;
  }

  public NomadConfig nomadConfig(boolean bootstrapToken, boolean connect) {
    String addr = options.nomadAddr != null ? options.nomadAddr : env.get("NOMAD_ADDR");
    Manifest.CoreNode first = firstServer();
    if (addr == null) {
      if (first == null) {
        addr = NomadConfig.DEFAULT_ADDR;
      } else if (connect || options.direct) {
        addr = api(first, 4646);
      } else {
        addr = "https://" + first.privateIp() + ":4646 (through an SSH tunnel to " + first.name() + ")";
      }
    }
    String token = null;
    String source = null;
    Path tokenFile = state.secrets().resolve(SecretsGenerator.NOMAD_TOKEN);
    if (bootstrapToken && env.get("NOMAD_TOKEN") == null && Files.isRegularFile(tokenFile)) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        source = "the bootstrap token " + env.show(tokenFile);
      } catch (IOException e) {
        throw new BitteException("cannot read " + tokenFile, e.toString(), "check the secrets folder's permissions");
      }
    }
    NomadConfig c = NomadConfig.from(env, addr, token, source, options.nomadTimeout, options.nomadPoll, options.nomadWait);
    if (c.caCert() == null && c.clientCert() == null && addr.startsWith("https://")) {
      Path ca = state.secrets().resolve(SecretsGenerator.CA);
      Path cli = state.secrets().resolve(SecretsGenerator.CLI);
      Path cliKey = state.secrets().resolve(SecretsGenerator.CLI_KEY);
      if (Files.isRegularFile(ca)) {
        boolean client = Files.isRegularFile(cli) && Files.isRegularFile(cliKey);
        c = new NomadConfig(c.address(), c.token(), c.tokenSource(), ca.toString(), client ? cli.toString() : null,
            client ? cliKey.toString() : null, c.namespace(), c.timeout(), c.pollInterval(), c.maxWait());
      }
    }
    return c;
  }

  public NomadJobs nomadJobs(boolean bootstrapToken) {
    NomadConfig config = nomadConfig(bootstrapToken, true);
    NomadClient[] client = new NomadClient[1];
    return new NomadJobs(console, config, () -> {
      if (client[0] == null) {
        client[0] = new NomadClient(env, config);
      }
      return client[0];
    }, artifacts, d -> Thread.sleep(d.toMillis()));
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
