package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

import java.util.List;

/**
 * A {@code @Port} of a group's network; {@code value == 0} is dynamic.
 *
 * @param protocol as declared: {@code TCP}, {@code UDP}, {@code TCP_UDP} (or {@code ICMP}, which the validator refuses)
 */
public record Port(String label, int value, int to, String protocol, Source source) {
  public boolean isStatic() {
    return value != 0;
  }

  /** The security-rule protocols it opens: {@code tcp}, {@code udp} or both, in that order. */
  public List<String> transports() {
    return switch (protocol) {
      case "UDP" -> List.of("udp");
      case "TCP_UDP" -> List.of("tcp", "udp");
      default -> List.of("tcp");
    };
  }
}
