package dev.bitte.processor.schedule;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What each Nomad client node keeps for itself: the one place that decides how much of an
 * instance the planner may hand to allocations.
 *
 * <p>Nomad's own default ({@code client { reserved { cpu = 0, memory = 0 } }}) reserves nothing,
 * and its documentation advises reserving resources so that jobs cannot starve the OS and the
 * agents. Our clients run the Nomad client, a Consul agent, Envoy sidecars' bootstrap, journald
 * and an exporter; we keep 500 MHz and 512 MiB per node. The generated NixOS client module must
 * reserve the same amounts ({@code services.nomad.settings.client.reserved}) so that the
 * planner and the real cluster agree: read these constants there, never repeat the numbers.
 * Readers: the planner ({@link FleetNodes}), the job fit check ({@code JobValidator}), the NixOS
 * client hosts ({@code NixosWriter}), the manifest's {@code capacity} section and the report.
 */
public final class NomadReserve {
  /** CPU the Nomad client reserves per node, in MHz. */
  public static final int CPU_MHZ = 500;

  /** Memory the Nomad client reserves per node, in MiB. */
  public static final int MEMORY_MIB = 512;

  /**
   * Host ports already bound on every client by the agents (SSH, Consul serf/HTTP/HTTPS/gRPC/DNS,
   * Nomad HTTP). A static port of a job on one of these would fail to bind, so they are never
   * free. Consul's 8500 and 8600 bind to loopback, which still blocks a wildcard bind. Port →
   * what binds it, for messages.
   */
  public static final SortedMap<Integer, String> AGENT_PORT_NAMES = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
      22, "ssh", 4646, "nomad-http", 8301, "consul-serf-lan", 8500, "consul-http", 8501, "consul-https", 8502, "consul-grpc",
      8503, "consul-grpc-tls", 8600, "consul-dns")));

  /** The ports of {@link #AGENT_PORT_NAMES}, ascending. */
  public static final List<Integer> AGENT_PORTS = List.copyOf(AGENT_PORT_NAMES.keySet());

  private NomadReserve() {}
}
