package dev.bitte.processor.model;

import dev.bitte.Protocol;
import dev.bitte.processor.diag.Source;
import java.util.List;

/** A {@code @SecurityRule} as written; {@code toPort} already defaulted to {@code port}. */
public record SecurityRuleSpec(int port, int toPort, Protocol protocol, List<String> cidrs, String description, Source source) {
  public SecurityRuleSpec {
    cidrs = List.copyOf(cidrs);
  }
}
