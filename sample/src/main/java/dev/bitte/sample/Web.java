package dev.bitte.sample;

import dev.bitte.Check;
import dev.bitte.Constraint;
import dev.bitte.Driver;
import dev.bitte.Env;
import dev.bitte.Group;
import dev.bitte.Job;
import dev.bitte.Migrate;
import dev.bitte.Port;
import dev.bitte.Service;
import dev.bitte.Spread;
import dev.bitte.SpreadTarget;
import dev.bitte.Task;
import dev.bitte.Template;
import dev.bitte.Update;
import dev.bitte.Upstream;
import dev.bitte.VaultPolicy;

/**
 * The public web front end: three allocations spread over both regions (two thirds in the
 * primary), calling the database through the Connect mesh (the only call the mesh allows it), with
 * its session key from Vault and its feature flags from Consul's KV store; Linux clients only, one
 * allocation at a time off a draining node.
 */
@Job(cluster = MyTestnet.class, namespace = "apps",
    constraints = @Constraint(attribute = "${attr.kernel.name}", value = "linux"))
@VaultPolicy(name = "web", rules = "path \"kv/data/web/*\" {\n  capabilities = [\"read\"]\n}\n")
public interface Web {
  @Group(count = 3, nodeClass = "general",
      ports = @Port(label = "http", to = 8080),
      services = @Service(name = "web", port = "http", tags = {"public", "http"},
          checks = @Check(path = "/health"),
          upstreams = @Upstream(service = "db", localPort = 5432)),
      spreads = @Spread(attribute = "${node.datacenter}",
          targets = {@SpreadTarget(value = "eu-central-1", percent = 67), @SpreadTarget(value = "us-east-2", percent = 33)}),
      update = @Update(maxParallel = 1, canary = 1, autoRevert = true),
      migrate = @Migrate(maxParallel = 1))
  interface Frontend {
    @Task(driver = Driver.DOCKER, image = "ghcr.io/acme/web:1.4.2", ports = "http", cpu = 500, memoryMb = 256,
        memoryMaxMb = 512, vaultPolicies = "web",
        env = {@Env(name = "PORT", value = "8080"), @Env(name = "DATABASE_URL", value = "postgres://web@127.0.0.1:5432/web")},
        templates = {
            @Template(destination = "secrets/session.env", env = true,
                data = "SESSION_KEY={{ with secret \"kv/data/web/session\" }}{{ .Data.data.key }}{{ end }}\n"),
            // Feature flags from Consul's KV store: this template makes the task log in to Consul
            // with its workload identity (role nomad-tasks).
            @Template(destination = "local/flags.json", data = "{{ keyOrDefault \"web/flags\" \"{}\" }}\n")})
    interface Server {}
  }
}
