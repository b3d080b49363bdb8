package dev.bitte;

/** What a {@link Core} node runs. */
public enum Role {
  /**
   * A server of the control plane: Consul server, Nomad server and Vault server (integrated
   * Raft storage). The number of server nodes is the quorum size: 3 or 5.
   */
  SERVER,
  /** Monitoring: VictoriaMetrics, Loki and Grafana. */
  MONITORING,
  /** Routing: HAProxy ingress with a public IP, terminating TLS for the wildcard domain. */
  ROUTING
}
