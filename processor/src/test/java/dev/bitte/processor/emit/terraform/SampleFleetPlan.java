package dev.bitte.processor.emit.terraform;

import dev.bitte.Role;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.FleetPlanner;
import java.util.List;

/**
 * The sample fleet built as a model directly (no javac), for tests that call a writer. {@link
 * SampleTerraformTest} checks that it renders byte for byte what the processor writes for the
 * sample's source, so the two cannot drift apart.
 */
final class SampleFleetPlan {
  private SampleFleetPlan() {}

  static FleetPlan plan() {
    Source s = Source.NONE;
    Fleet fleet = new Fleet("my-testnet", "testnet.example.com", "eu-central-1", "10.32.0.0/12", 16,
        List.of("203.0.113.0/24"),
        List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE admin@example.com"),
        "github:NixOS/nixpkgs/nixos-26.05", "my-testnet-bitte-state",
        List.of(new KeyValue("team", "infra", s)), List.of(), List.of(),
        List.of(
            new CoreSpec("core", Role.SERVER, 3, "t3a.medium", List.of(), List.of(), 40, List.of(), List.of(), s),
            new CoreSpec("monitoring", Role.MONITORING, 1, "r5a.large", List.of(), List.of(), 200, List.of(), List.of(), s),
            new CoreSpec("routing", Role.ROUTING, 1, "t3a.small", List.of(), List.of(), 40, List.of(), List.of(), s)),
        List.of(
            new ClientGroup("clients-eu", "eu-central-1", "m5.xlarge", 1, 3, 10, "general", List.of(), 100,
                List.of(new KeyValue("tier", "apps", s)), List.of(new HostVolumeSpec("pg-data", "/var/lib/pg-data", false, s)),
                List.of(), List.of(), s),
            new ClientGroup("clients-us", "us-east-2", "m5.large", 1, 2, 6, "general", List.of(), 100,
                List.of(), List.of(), List.of(), List.of(), s)),
        "dev.bitte.sample", "MyTestnet", s);
    Diagnostics d = new Diagnostics();
    FleetPlan plan = new FleetPlanner(d).plan(fleet);
    if (plan == null || d.hasErrors()) {
      throw new AssertionError("the sample model does not plan: " + d.all());
    }
    return plan;
  }
}
