package dev.bitte.processor.plan;

/**
 * What every Nomad client keeps for itself (the agent, Consul, the Envoy sidecars' share of the
 * OS), subtracted from an instance's capacity before task groups are fitted on it. Defined once
 * here so the fit check and the clients' {@code reserved} block agree.
 */
public final class ClientReserve {
  /** CPU kept by the client, in MHz. */
  public static final int CPU_MHZ = 500;
  /** Memory kept by the client, in MiB. */
  public static final int MEMORY_MIB = 512;

  private ClientReserve() {}
}
