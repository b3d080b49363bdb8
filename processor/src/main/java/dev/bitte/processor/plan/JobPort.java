package dev.bitte.processor.plan;

import java.util.List;

/**
 * A static port a job's group may bind on the clients of one client group: what that group's
 * security rules and host firewall must admit for the job (dynamic ports use Nomad's range).
 *
 * @param transports {@code tcp}, {@code udp} or both ({@code @Port(protocol)})
 */
public record JobPort(String clientGroup, int port, String namespace, String job, String group, String label, List<String> transports) {
  public JobPort {
    transports = List.copyOf(transports);
  }

  /** The {@link PortRule#service()} prefix of the rules that open static job ports. */
  public static final String SERVICE_PREFIX = "job-";

  /** The service name of the rule that opens it: {@code job-<job>-<label>}. */
  public String service() {
    return SERVICE_PREFIX + job + "-" + label;
  }
}
