package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;
import java.util.List;

/** A {@code @Service}; {@code connect} is true when written or implied by upstreams. */
public record ServiceSpec(String name, String port, List<String> tags, List<CheckSpec> checks, boolean connect,
    List<Upstream> upstreams, Source source) {
  public ServiceSpec {
    tags = List.copyOf(tags);
    checks = List.copyOf(checks);
    upstreams = List.copyOf(upstreams);
  }
}
