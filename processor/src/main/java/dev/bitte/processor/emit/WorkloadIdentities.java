package dev.bitte.processor.emit;

/**
 * The names Nomad's workload identities, the servers' NixOS configuration, the Nomad jobs and the
 * hydrate workspace's auth methods must agree on; each artifact takes them from here.
 */
public final class WorkloadIdentities {
  private WorkloadIdentities() {}

  /** Audience of the Consul identities (servers' {@code consul.service_identity}/{@code task_identity}, tasks' {@code identity}). */
  public static final String CONSUL_AUDIENCE = "consul.io";
  /** Audience of the Vault identities (servers' {@code vault.default_identity}). */
  public static final String VAULT_AUDIENCE = "vault.io";
  /**
   * Consul's JWT auth method: the name is the Nomad agents' default {@code consul.service_auth_method}
   * and {@code consul.task_auth_method}, so the agents need no setting for it.
   */
  public static final String CONSUL_AUTH_METHOD = "nomad-workloads";
  /** The name a task's identity for Consul must have for Nomad to log in with it (default Consul cluster). */
  public static final String CONSUL_TASK_IDENTITY = "consul_default";
}
