package dev.bitte.processor.model;

import dev.bitte.Driver;
import dev.bitte.Lifecycle;
import dev.bitte.processor.diag.Source;
import java.util.List;

/** A {@code @Task} as written. {@code cores > 0} replaces {@code cpu}. */
public record Task(
    String name,
    Driver driver,
    String image,
    String command,
    List<String> args,
    String jar,
    List<String> jvmOptions,
    List<String> ports,
    int cpu,
    int cores,
    int memoryMb,
    int memoryMaxMb,
    List<KeyValue> env,
    List<TemplateSpec> templates,
    List<ArtifactSpec> artifacts,
    List<String> vaultPolicies,
    Lifecycle lifecycle,
    boolean sidecar,
    List<VolumeMountSpec> volumeMounts,
    List<ServiceSpec> services,
    String killTimeout,
    int logMaxFiles,
    int logMaxFileSizeMb,
    Source source) {

  public Task {
    args = List.copyOf(args);
    jvmOptions = List.copyOf(jvmOptions);
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    templates = List.copyOf(templates);
    artifacts = List.copyOf(artifacts);
    vaultPolicies = List.copyOf(vaultPolicies);
    volumeMounts = List.copyOf(volumeMounts);
    services = List.copyOf(services);
  }

  /** The driver's name as Nomad spells it: {@code docker}, {@code raw_exec}. */
  public String driverName() {
    return driver.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The Nomad lifecycle hook name, or "" for a main task. */
  public String hook() {
    return driver == null || lifecycle == Lifecycle.MAIN ? "" : lifecycle.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether one of its templates reads Consul (service discovery, KV): the task then carries an identity for Consul. */
  public boolean readsConsul() {
    return templates.stream().anyMatch(TemplateSpec::readsConsul);
  }

  /** The name of the task's identity for Consul. */
  public String consulIdentity() {
    return dev.bitte.processor.emit.WorkloadIdentities.CONSUL_TASK_IDENTITY;
  }

  /** The audience of the task's identity for Consul (the auth method accepts it). */
  public String consulAudience() {
    return dev.bitte.processor.emit.WorkloadIdentities.CONSUL_AUDIENCE;
  }

  /** CPU this task reserves on an instance whose vCPUs run at {@code clockMhz}. */
  public int cpuMhzAt(int clockMhz) {
    return cores > 0 ? cores * clockMhz : cpu;
  }
}
