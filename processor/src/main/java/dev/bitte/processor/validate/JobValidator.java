package dev.bitte.processor.validate;

import dev.bitte.Driver;
import dev.bitte.JobType;
import dev.bitte.Lifecycle;
import dev.bitte.NetworkMode;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.CheckSpec;
import dev.bitte.processor.model.ConstraintSpec;
import dev.bitte.processor.model.MigrateSpec;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.model.Names;
import dev.bitte.processor.model.Port;
import dev.bitte.processor.model.RescheduleSpec;
import dev.bitte.processor.model.RestartSpec;
import dev.bitte.processor.model.ServiceSpec;
import dev.bitte.processor.model.SpreadSpec;
import dev.bitte.processor.model.Task;
import dev.bitte.processor.model.TaskGroup;
import dev.bitte.processor.model.TemplateSpec;
import dev.bitte.processor.model.UpdateSpec;
import dev.bitte.processor.model.Upstream;
import dev.bitte.processor.model.VaultPolicySpec;
import dev.bitte.processor.model.VolumeMountSpec;
import dev.bitte.processor.model.VolumeSpec;
import dev.bitte.processor.plan.JobPort;
import dev.bitte.processor.schedule.NomadReserve;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules over jobs, in three scopes: {@link #validate(Job)} needs only the job;
 * {@link #validate(Job, FleetPlan, List)} checks it against its fleet (datacenters, node classes,
 * host volumes, Vault policies, fit); {@link #validateTogether(List, FleetPlan)} checks the jobs of
 * one cluster against each other (upstreams, static port collisions, duplicate ids).
 */
public final class JobValidator {

  private static final Pattern PORT_LABEL = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Job and group meta keys are written as attribute names of a {@code meta} block, so they are HCL identifiers. */
  private static final Pattern META_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final long MAX_DURATION_NANOS = 365L * 24 * 3_600_000_000_000L;

  private final Diagnostics diagnostics;

  public JobValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  // ------------------------------------------------------------------ the job alone

  public void validate(Job job) {
    Source s = job.source();
    String subject = "job \"" + job.id() + "\"";
    name(job.id(), "job id", s.at("id"));
    name(job.namespace(), subject + " namespace", s.at("namespace"));
    if (job.priority() < 1 || job.priority() > 100) {
      diagnostics.error(Rule.PRIORITY, s.at("priority"), subject + " has priority " + job.priority()
          + ", but Nomad priorities run from 1 to 100. Use 50 (the default) unless it must preempt others.");
    }
    boolean batchLike = job.type() == JobType.BATCH || job.type() == JobType.SYSBATCH;
    if (!job.periodic().isEmpty()) {
      if (!batchLike) {
        diagnostics.error(Rule.JOB_TYPE, s.at("periodic"), subject + " is a " + typeName(job) + " job but sets periodic \""
            + job.periodic() + "\": only batch and sysbatch jobs can be periodic. Set type = JobType.BATCH.");
      }
      String problem = CronExpression.problem(job.periodic());
      if (problem != null) {
        diagnostics.error(Rule.CRON, s.at("periodic"), subject + " periodic \"" + job.periodic() + "\" is not a cron expression: "
            + problem + ". Example: \"0 3 * * *\" for 03:00 UTC daily.");
      }
    }
    if (job.parameterized() && !batchLike) {
      diagnostics.error(Rule.JOB_TYPE, s.at("parameterized"), subject + " is a " + typeName(job)
          + " job but is parameterized: only batch and sysbatch jobs can be dispatched. Set type = JobType.BATCH.");
    }
    if (!job.requiredMeta().isEmpty() && !job.parameterized()) {
      diagnostics.error(Rule.JOB_TYPE, s.at("requiredMeta"), subject + " lists requiredMeta " + job.requiredMeta()
          + " but is not parameterized: only dispatches carry meta. Set parameterized = true.");
    }
    meta(job.meta());
    policies(job.vaultPolicies());
    placement(job.constraints(), job.affinities(), job.spreads(), subject);
    if (job.groups().isEmpty()) {
      diagnostics.error(Rule.JOB_STRUCTURE, s, subject + " has no task group: nest an interface annotated with @Group in "
          + s.describe() + ".");
    }
    Set<String> groupNames = new HashSet<>();
    for (TaskGroup g : job.groups()) {
      if (!groupNames.add(g.name())) {
        diagnostics.error(Rule.DUPLICATE_NAME, g.source().at("name"), "group \"" + g.name() + "\" appears twice in " + subject
            + ": group names must be unique in a job. Rename one.");
      }
      group(job, g);
    }
  }

  private void group(Job job, TaskGroup g) {
    Source s = g.source();
    String subject = "group \"" + job.id() + "." + g.name() + "\"";
    name(g.name(), "group name", s.at("name"));
    if (job.onEveryNode()) {
      if (g.count() != 1) {
        diagnostics.error(Rule.JOB_TYPE, s.at("count"), subject + " sets count = " + g.count() + " in a " + typeName(job)
            + " job, which runs one allocation on every eligible client. Remove count.");
      }
    } else if (g.count() < 0) {
      diagnostics.error(Rule.RESOURCES, s.at("count"), subject + " has count " + g.count() + ": a count is at least 0.");
    }
    if (g.ephemeralDiskMb() < 10) {
      diagnostics.error(Rule.RESOURCES, s.at("ephemeralDiskMb"), subject + " has ephemeralDiskMb " + g.ephemeralDiskMb()
          + ": Nomad needs at least 10 MB. Use the default 300.");
    }
    meta(g.meta());

    Map<String, Port> ports = new LinkedHashMap<>();
    Map<Integer, Port> staticPorts = new HashMap<>();
    for (Port p : g.ports()) {
      if (!PORT_LABEL.matcher(p.label()).matches()) {
        diagnostics.error(Rule.PORT, p.source().at("label"), subject + " port label \"" + p.label()
            + "\" must be letters, digits and '_' (it becomes NOMAD_PORT_<label>).");
      } else if (ports.putIfAbsent(p.label(), p) != null) {
        diagnostics.error(Rule.PORT, p.source().at("label"), subject + " declares port \"" + p.label() + "\" twice. Rename one.");
      }
      if (p.value() < 0 || p.value() > 65535) {
        diagnostics.error(Rule.PORT, p.source().at("value"), subject + " port \"" + p.label() + "\" has static value " + p.value()
            + ", outside 1-65535. Use 0 (the default) for a dynamic port.");
      } else if (p.isStatic() && staticPorts.putIfAbsent(p.value(), p) != null) {
        diagnostics.error(Rule.PORT_COLLISION, p.source().at("value"), subject + " port \"" + p.label() + "\" uses static port "
            + p.value() + ", already used by port \"" + staticPorts.get(p.value()).label() + "\" of the same group.");
      }
      if (p.to() < 0 || p.to() > 65535) {
        diagnostics.error(Rule.PORT, p.source().at("to"), subject + " port \"" + p.label() + "\" maps to " + p.to()
            + ", outside 0-65535.");
      }
      if (p.protocol().equals("ICMP")) {
        diagnostics.error(Rule.PORT, p.source().at("protocol"), subject + " port \"" + p.label()
            + "\" has protocol ICMP, which has no ports. Use TCP, UDP or TCP_UDP.");
      } else if (!p.isStatic() && !p.protocol().equals("TCP")) {
        diagnostics.error(Rule.PORT, p.source().at("protocol"), subject + " port \"" + p.label() + "\" is dynamic but has protocol "
            + p.protocol() + ", which only a static port uses (it picks the security-group and firewall rules to open; Nomad's"
            + " dynamic range is open to the fleet's VPCs for TCP and UDP already). Remove protocol, or give the port a static value"
            + " (e.g. value = 5353).");
      }
    }

    Set<Integer> localPorts = new HashSet<>();
    for (ServiceSpec svc : g.services()) {
      name(svc.name(), "service name", svc.source().at("name"));
      if (!ports.containsKey(svc.port())) {
        diagnostics.error(Rule.SERVICE_PORT, svc.source().at("port"), "service \"" + svc.name() + "\" of " + subject
            + " uses port \"" + svc.port() + "\", which the group does not declare." + hintPort(svc.port(), ports.keySet()));
      }
      if (svc.connect() && g.network() != NetworkMode.BRIDGE) {
        diagnostics.error(Rule.CONNECT, svc.source(), "service \"" + svc.name() + "\" of " + subject
            + " joins Connect, which needs network = NetworkMode.BRIDGE, but the group's network is \""
            + g.network().name().toLowerCase(java.util.Locale.ROOT) + "\".");
      }
      checks(svc);
      for (Upstream u : svc.upstreams()) {
        if (u.localPort() < 1 || u.localPort() > 65535) {
          diagnostics.error(Rule.PORT, u.source().at("localPort"), "upstream \"" + u.service() + "\" of service \"" + svc.name()
              + "\" has localPort " + u.localPort() + ", outside 1-65535.");
        } else if (!localPorts.add(u.localPort())) {
          diagnostics.error(Rule.CONNECT, u.source().at("localPort"), "upstream \"" + u.service() + "\" of " + subject
              + " listens on localPort " + u.localPort() + ", already used by another upstream of the group. Pick another port.");
        }
      }
    }

    for (Task t : g.tasks()) {
      for (ServiceSpec svc : t.services()) {
        String owner = "task \"" + t.name() + "\" of " + subject;
        name(svc.name(), "service name", svc.source().at("name"));
        if (!ports.containsKey(svc.port())) {
          diagnostics.error(Rule.SERVICE_PORT, svc.source().at("port"), "service \"" + svc.name() + "\" of " + owner
              + " uses port \"" + svc.port() + "\", which the group does not declare." + hintPort(svc.port(), ports.keySet()));
        }
        if (svc.connect()) {
          diagnostics.error(Rule.CONNECT, svc.source().at(svc.upstreams().isEmpty() ? "connect" : "upstreams"), "service \""
              + svc.name() + "\" of " + owner + " joins Connect, which Nomad allows only for group services:"
              + " move it to @Group(services).");
        }
        checks(svc);
      }
    }

    placement(g.constraints(), g.affinities(), g.spreads(), subject);

    Set<String> volumeNames = new HashSet<>();
    for (VolumeSpec v : g.volumes()) {
      if (!VOLUME_NAME.matcher(v.name()).matches() || !volumeNames.add(v.name())) {
        diagnostics.error(Rule.VOLUME, v.declaredAt().at("name"), subject + " volume \"" + v.name()
            + "\" is empty, declared twice, or not made of letters, digits, '_', '.' and '-'.");
      }
    }
    if (g.update().size() > 1 || g.migrate().size() > 1 || g.restart().size() > 1 || g.reschedule().size() > 1) {
      Source at = g.update().size() > 1 ? s.at("update", 1) : g.migrate().size() > 1 ? s.at("migrate", 1)
          : g.restart().size() > 1 ? s.at("restart", 1) : s.at("reschedule", 1);
      diagnostics.error(Rule.JOB_STRUCTURE, at, subject + " has more than one update, migrate, restart or reschedule policy: give at most one.");
    }
    for (RescheduleSpec r : g.reschedule()) {
      if (job.onEveryNode()) {
        diagnostics.error(Rule.JOB_TYPE, s.at("reschedule"), subject + " sets a reschedule policy in a " + typeName(job)
            + " job, whose allocations are tied to their node. Remove it.");
      }
      duration(r.interval(), "reschedule interval", r.source().at("interval"));
      duration(r.delay(), "reschedule delay", r.source().at("delay"));
      duration(r.maxDelay(), "reschedule maxDelay", r.source().at("maxDelay"));
      if (GoDuration.parseNanos(r.delay()) > 0 && GoDuration.parseNanos(r.delay()) < 5_000_000_000L) {
        diagnostics.error(Rule.DURATION, r.source().at("delay"), subject + " reschedule delay \"" + r.delay()
            + "\" is below Nomad's minimum of 5s.");
      }
      List<String> functions = List.of("constant", "exponential", "fibonacci");
      if (!functions.contains(r.delayFunction())) {
        diagnostics.error(Rule.JOB_STRUCTURE, r.source().at("delayFunction"), subject + " reschedule delayFunction \""
            + r.delayFunction() + "\" is not one of constant, exponential, fibonacci." + Names.didYouMean(r.delayFunction(), functions));
      }
      if (r.attempts() < 0) {
        diagnostics.error(Rule.RESOURCES, r.source().at("attempts"), subject + " reschedule attempts " + r.attempts() + " is negative.");
      }
    }
    for (UpdateSpec u : g.update()) {
      if (job.type() == JobType.BATCH || job.type() == JobType.SYSBATCH) {
        diagnostics.error(Rule.JOB_TYPE, s.at("update"), subject + " sets an update policy in a " + typeName(job)
            + " job: Nomad updates only service and system jobs. Remove it.");
      }
      duration(u.minHealthyTime(), "update minHealthyTime", u.source().at("minHealthyTime"));
      duration(u.healthyDeadline(), "update healthyDeadline", u.source().at("healthyDeadline"));
      if (u.maxParallel() < 0 || u.canary() < 0) {
        diagnostics.error(Rule.RESOURCES, u.source().at(u.maxParallel() < 0 ? "maxParallel" : "canary"), subject
            + " update policy has a negative maxParallel or canary.");
      }
    }
    for (MigrateSpec m : g.migrate()) {
      if (job.type() != JobType.SERVICE || g.count() < 2) {
        diagnostics.error(Rule.JOB_TYPE, s.at("migrate"), subject + " sets a migrate policy, but Nomad migrates only the groups of"
            + " service jobs with count above 1 (this is a " + typeName(job) + " job, count " + g.count() + "). Remove it.");
      } else if (m.maxParallel() < 1 || m.maxParallel() >= g.count()) {
        diagnostics.error(Rule.RESOURCES, m.source().at("maxParallel"), subject + " migrate maxParallel is " + m.maxParallel()
            + ": it must be at least 1 and below the count (" + g.count() + "), so count - maxParallel allocations keep running.");
      }
      if (!m.healthCheck().equals("checks") && !m.healthCheck().equals("task_states")) {
        diagnostics.error(Rule.JOB_STRUCTURE, m.source().at("healthCheck"), subject + " migrate healthCheck is \"" + m.healthCheck()
            + "\": Nomad knows \"checks\" and \"task_states\"." + Names.didYouMean(m.healthCheck(), List.of("checks", "task_states")));
      }
      duration(m.minHealthyTime(), "migrate minHealthyTime", m.source().at("minHealthyTime"));
      duration(m.healthyDeadline(), "migrate healthyDeadline", m.source().at("healthyDeadline"));
    }
    for (RestartSpec r : g.restart()) {
      duration(r.interval(), "restart interval", r.source().at("interval"));
      duration(r.delay(), "restart delay", r.source().at("delay"));
      if (!r.mode().equals("fail") && !r.mode().equals("delay")) {
        diagnostics.error(Rule.JOB_STRUCTURE, r.source().at("mode"), subject + " restart mode \"" + r.mode()
            + "\" is neither \"fail\" nor \"delay\"." + Names.didYouMean(r.mode(), List.of("fail", "delay")));
      }
      if (r.attempts() < 0) {
        diagnostics.error(Rule.RESOURCES, r.source().at("attempts"), subject + " restart attempts " + r.attempts() + " is negative.");
      }
    }

    if (g.tasks().isEmpty()) {
      diagnostics.error(Rule.JOB_STRUCTURE, s, subject + " has no task: nest an interface annotated with @Task in " + s.describe() + ".");
    } else if (g.tasks().stream().allMatch(t -> t.lifecycle() != Lifecycle.MAIN)) {
      diagnostics.error(Rule.JOB_STRUCTURE, s, subject + " has only lifecycle tasks: a group needs at least one main task.");
    }
    Set<String> taskNames = new HashSet<>();
    for (Task t : g.tasks()) {
      if (!taskNames.add(t.name())) {
        diagnostics.error(Rule.DUPLICATE_NAME, t.source().at("name"), "task \"" + t.name() + "\" appears twice in " + subject
            + ". Rename one.");
      }
      task(job, g, t, ports.keySet(), volumeNames);
    }
  }

  private void task(Job job, TaskGroup g, Task t, Set<String> portLabels, Set<String> volumes) {
    Source s = t.source();
    String subject = "task \"" + job.id() + "." + g.name() + "." + t.name() + "\"";
    name(t.name(), "task name", s.at("name"));
    if (t.driver() != null) {
      driver(t, subject);
    }
    if (t.cores() < 0) {
      diagnostics.error(Rule.RESOURCES, s.at("cores"), subject + " has cores " + t.cores() + ": cores is 0 (use cpu) or more.");
    } else if (t.cores() == 0 && t.cpu() < 1) {
      diagnostics.error(Rule.RESOURCES, s.at("cpu"), subject + " has cpu " + t.cpu() + " MHz: cpu must be at least 1. Try 100.");
    }
    if (t.memoryMb() < 10) {
      diagnostics.error(Rule.RESOURCES, s.at("memoryMb"), subject + " has memoryMb " + t.memoryMb()
          + ": Nomad needs at least 10 MiB. Try 256.");
    }
    if (t.memoryMaxMb() != 0 && t.memoryMaxMb() < t.memoryMb()) {
      diagnostics.error(Rule.RESOURCES, s.at("memoryMaxMb"), subject + " has memoryMaxMb " + t.memoryMaxMb()
          + " below memoryMb " + t.memoryMb() + ": the burst limit must be at least the reservation (or 0 for none).");
    }
    if (t.logMaxFiles() < 1 || t.logMaxFileSizeMb() < 1) {
      diagnostics.error(Rule.RESOURCES, s.at(t.logMaxFiles() < 1 ? "logMaxFiles" : "logMaxFileSizeMb"), subject
          + " keeps no logs: logMaxFiles and logMaxFileSizeMb are at least 1.");
    } else if ((long) t.logMaxFiles() * t.logMaxFileSizeMb() > g.ephemeralDiskMb()) {
      diagnostics.error(Rule.RESOURCES, s.at("logMaxFiles"), subject + " keeps up to " + t.logMaxFiles() + " × "
          + t.logMaxFileSizeMb() + " MB of logs, more than the group's ephemeral disk of " + g.ephemeralDiskMb()
          + " MB. Keep fewer logs or raise ephemeralDiskMb.");
    }
    duration(t.killTimeout(), subject + " killTimeout", s.at("killTimeout"));
    if (t.sidecar() && t.lifecycle() != Lifecycle.PRESTART && t.lifecycle() != Lifecycle.POSTSTART) {
      diagnostics.error(Rule.JOB_STRUCTURE, s.at("sidecar"), subject + " is a sidecar but its lifecycle is "
          + t.lifecycle() + ": only PRESTART and POSTSTART tasks can keep running as sidecars.");
    }
    for (int i = 0; i < t.ports().size(); i++) {
      String label = t.ports().get(i);
      if (!portLabels.contains(label)) {
        diagnostics.error(Rule.SERVICE_PORT, s.at("ports", i), subject + " publishes port \"" + label
            + "\", which group \"" + g.name() + "\" does not declare." + hintPort(label, portLabels));
      }
    }
    Set<String> envNames = new HashSet<>();
    for (KeyValue e : t.env()) {
      if (!ENV_NAME.matcher(e.key()).matches()) {
        diagnostics.error(Rule.ENV, e.source().at("name"), subject + " environment variable \"" + e.key()
            + "\" is not a valid name (a letter or '_', then letters, digits or '_').");
      } else if (!envNames.add(e.key())) {
        diagnostics.error(Rule.ENV, e.source().at("name"), subject + " sets environment variable \"" + e.key() + "\" twice.");
      }
    }
    for (TemplateSpec tp : t.templates()) {
      if (tp.destination().isEmpty()) {
        diagnostics.error(Rule.TEMPLATE, tp.source().at("destination"), subject + " has a template with an empty destination. "
            + "Name a path in the task directory, e.g. \"local/app.conf\".");
      }
      if (tp.sourceFile().isEmpty() && tp.data().isEmpty()) {
        diagnostics.error(Rule.TEMPLATE, tp.source(), subject + " template \"" + tp.destination()
            + "\" has neither data nor source: give the text inline or name a file.");
      }
      if ((tp.changeMode() == dev.bitte.ChangeMode.SIGNAL) == tp.changeSignal().isEmpty()) {
        diagnostics.error(Rule.TEMPLATE, tp.source().at(tp.changeSignal().isEmpty() ? "changeMode" : "changeSignal"), subject
            + " template \"" + tp.destination() + "\": changeSignal is set exactly when changeMode is SIGNAL (signal \""
            + tp.changeSignal() + "\").");
      }
    }
    for (VolumeMountSpec m : t.volumeMounts()) {
      if (!volumes.contains(m.volume())) {
        diagnostics.error(Rule.VOLUME, m.source().at("volume"), subject + " mounts volume \"" + m.volume()
            + "\", which group \"" + g.name() + "\" does not declare. Add @Volume(name = \"" + m.volume() + "\") to the group."
            + Names.didYouMean(m.volume(), volumes));
      }
      if (!m.destination().startsWith("/")) {
        diagnostics.error(Rule.VOLUME, m.source().at("destination"), subject + " mounts volume \"" + m.volume() + "\" at \""
            + m.destination() + "\", which is not an absolute path.");
      }
    }
  }

  private void driver(Task t, String subject) {
    Source s = t.source();
    String d = "driver " + t.driverName();
    switch (t.driver()) {
      case DOCKER -> {
        if (t.image().isBlank()) {
          diagnostics.error(Rule.DRIVER_CONFIG, s.at("driver"), subject + " uses the docker driver but has no image. "
              + "Set image, e.g. image = \"nginx:1.27\".");
        }
      }
      case EXEC, RAW_EXEC -> {
        if (t.command().isBlank()) {
          diagnostics.error(Rule.DRIVER_CONFIG, s.at("driver"), subject + " uses the " + t.driverName()
              + " driver but has no command. Set command, e.g. command = \"/usr/bin/env\".");
        }
      }
      case JAVA -> {
        if (t.jar().isBlank()) {
          diagnostics.error(Rule.DRIVER_CONFIG, s.at("driver"), subject + " uses the java driver but has no jar. "
              + "Set jar, e.g. jar = \"local/app.jar\".");
        }
      }
    }
    if (t.driver() != Driver.DOCKER && !t.image().isEmpty()) {
      diagnostics.error(Rule.DRIVER_CONFIG, s.at("image"), subject + " sets image \"" + t.image() + "\" but its " + d
          + " has no images. Use Driver.DOCKER or remove image.");
    }
    if (t.driver() != Driver.DOCKER && !t.ports().isEmpty()) {
      diagnostics.error(Rule.DRIVER_CONFIG, s.at("ports"), subject + " publishes ports, which only the docker driver does; "
          + "with " + d + " the task binds the NOMAD_PORT_<label> ports itself. Remove ports.");
    }
    if (t.driver() == Driver.JAVA && !t.command().isEmpty()) {
      diagnostics.error(Rule.DRIVER_CONFIG, s.at("command"), subject + " sets command \"" + t.command()
          + "\" but the java driver runs the jar. Remove command.");
    }
    if (t.driver() != Driver.JAVA && (!t.jar().isEmpty() || !t.jvmOptions().isEmpty())) {
      diagnostics.error(Rule.DRIVER_CONFIG, s.at(t.jar().isEmpty() ? "jvmOptions" : "jar"), subject
          + " sets a jar or jvmOptions but its " + d + " is not java. Use Driver.JAVA or remove them.");
    }
  }

  /** A service's checks: Go durations, the timeout within the interval. */
  private void checks(ServiceSpec svc) {
    for (CheckSpec c : svc.checks()) {
      duration(c.interval(), "check interval of service \"" + svc.name() + "\"", c.source().at("interval"));
      duration(c.timeout(), "check timeout of service \"" + svc.name() + "\"", c.source().at("timeout"));
      long interval = GoDuration.parseNanos(c.interval());
      long timeout = GoDuration.parseNanos(c.timeout());
      if (interval > 0 && timeout > 0 && timeout > interval) {
        diagnostics.error(Rule.DURATION, c.source().at("timeout"), "check of service \"" + svc.name() + "\" has timeout \""
            + c.timeout() + "\" longer than its interval \"" + c.interval() + "\". Make the timeout shorter.");
      }
    }
  }

  /** Constraints, affinities and spreads of a job or a group ({@code subject}). */
  private void placement(List<ConstraintSpec> constraints, List<ConstraintSpec> affinities, List<SpreadSpec> spreads, String subject) {
    for (ConstraintSpec c : constraints) {
      constraint(c, subject, false);
    }
    for (ConstraintSpec c : affinities) {
      constraint(c, subject, true);
    }
    for (SpreadSpec sp : spreads) {
      if (!NomadVocabulary.isNodeAttribute(sp.attribute())) {
        diagnostics.error(Rule.CONSTRAINT, sp.source().at("attribute"), "spread of " + subject + " has attribute \"" + sp.attribute()
            + "\", which is not a node attribute such as \"${node.datacenter}\" or \"${attr.…}\"."
            + Names.didYouMean(sp.attribute(), NomadVocabulary.attributeHints()));
      }
      if (sp.weight() < 1 || sp.weight() > 100) {
        diagnostics.error(Rule.CONSTRAINT, sp.source().at("weight"), "spread of " + subject + " has weight " + sp.weight()
            + ", outside 1-100.");
      }
      Set<String> values = new HashSet<>();
      int total = 0;
      for (SpreadSpec.Target t : sp.targets()) {
        if (t.value().isEmpty() || !values.add(t.value())) {
          diagnostics.error(Rule.CONSTRAINT, t.source().at("value"), "spread target of " + subject + " has value \"" + t.value()
              + "\", empty or named twice in the spread. Name each value of " + sp.attribute() + " once.");
        }
        if (t.percent() < 0 || t.percent() > 100) {
          diagnostics.error(Rule.CONSTRAINT, t.source().at("percent"), "spread target \"" + t.value() + "\" of " + subject
              + " has percent " + t.percent() + ", outside 0-100.");
        } else {
          total += t.percent();
        }
      }
      if (total > 100) {
        diagnostics.error(Rule.CONSTRAINT, sp.source().at("targets"), "spread targets of " + subject + " over " + sp.attribute()
            + " add up to " + total + "%: at most 100. Lower them; values not named share what is left.");
      }
    }
  }

  private void constraint(ConstraintSpec c, String subject, boolean affinity) {
    String kind = affinity ? "affinity" : "constraint";
    List<String> operators = affinity ? NomadVocabulary.AFFINITY_OPERATORS : NomadVocabulary.CONSTRAINT_OPERATORS;
    if (!operators.contains(c.operator())) {
      diagnostics.error(Rule.CONSTRAINT, c.source().at("operator"), kind + " of " + subject + " has operator \"" + c.operator()
          + "\", which Nomad does not know for a " + kind + " (one of " + String.join(" ", operators) + ")."
          + Names.didYouMean(c.operator(), operators));
      return;
    }
    if (NomadVocabulary.NO_ATTRIBUTE.contains(c.operator())) {
      if (!c.attribute().isEmpty()) {
        diagnostics.error(Rule.CONSTRAINT, c.source().at("attribute"), kind + " of " + subject + " with operator \""
            + c.operator() + "\" takes no attribute, but has \"" + c.attribute() + "\". Remove it.");
      }
    } else if (!NomadVocabulary.isNodeAttribute(c.attribute())) {
      diagnostics.error(Rule.CONSTRAINT, c.source().at("attribute"), kind + " of " + subject + " has attribute \"" + c.attribute()
          + "\", which is not a node attribute Nomad knows: ${node.unique.id}, ${node.unique.name}, ${node.datacenter},"
          + " ${node.region}, ${node.class}, ${node.pool}, ${attr.<name>}, ${meta.<key>}."
          + Names.didYouMean(c.attribute(), NomadVocabulary.attributeHints()));
    }
    if (affinity && (c.weight() == 0 || c.weight() < -100 || c.weight() > 100)) {
      diagnostics.error(Rule.CONSTRAINT, c.source().at("weight"), "affinity of " + subject + " has weight " + c.weight()
          + ": weights run from -100 to 100 and are not 0.");
    }
  }

  // ------------------------------------------------------------------ the job against its fleet

  /** The client groups a task group can land on (see {@link FleetPlan#eligibleGroups}). */
  public static List<GroupPlan> eligible(Job job, TaskGroup g, FleetPlan plan) {
    return plan.eligibleGroups(job, g);
  }

  public void validate(Job job, FleetPlan plan, List<VaultPolicySpec> clusterPolicies) {
    String subject = "job \"" + job.id() + "\"";
    List<String> regions = plan.regionNames();
    for (int i = 0; i < job.datacenters().size(); i++) {
      String dc = job.datacenters().get(i);
      if (!regions.contains(dc)) {
        diagnostics.error(Rule.DATACENTER, job.source().at("datacenters", i), subject + " datacenter \"" + dc
            + "\" is not a region of fleet \"" + plan.name() + "\" (its regions: " + String.join(", ", regions) + ")."
            + Names.didYouMean(dc, regions));
      }
    }
    if (job.datacenters().stream().anyMatch(dc -> !regions.contains(dc))) {
      return; // eligibility below would only repeat the same mistake
    }
    Set<String> declared = new TreeSet<>();
    clusterPolicies.forEach(p -> declared.add(p.name()));
    job.vaultPolicies().forEach(p -> declared.add(p.name()));
    for (VaultPolicySpec p : job.vaultPolicies()) {
      if (clusterPolicies.stream().anyMatch(c -> c.name().equals(p.name()))) {
        diagnostics.error(Rule.VAULT_POLICY, p.source().at("name"), subject + " declares Vault policy \"" + p.name()
            + "\", which the cluster already declares. Use the cluster's or rename this one.");
      }
    }
    List<String> dcs = job.datacentersIn(regions);
    for (TaskGroup g : job.groups()) {
      String gs = "group \"" + job.id() + "." + g.name() + "\"";
      List<GroupPlan> eligible = eligible(job, g, plan);
      if (eligible.isEmpty()) {
        Set<String> classes = plan.groups().stream().filter(c -> dcs.contains(c.region()))
            .map(c -> c.group().nodeClass()).collect(Collectors.toCollection(TreeSet::new));
        if (g.nodeClass().isEmpty()) {
          diagnostics.error(Rule.JOB_NODE_CLASS, job.source().at("datacenters"), gs + " can land nowhere: no client group runs in "
              + String.join(", ", dcs) + ". Add an @AutoscalingGroup there or choose other datacenters.");
        } else {
          diagnostics.error(Rule.JOB_NODE_CLASS, g.source().at("nodeClass"), gs + " needs node class \"" + g.nodeClass()
              + "\", but no client group in " + String.join(", ", dcs) + " has it (classes there: "
              + (classes.isEmpty() ? "none" : String.join(", ", classes)) + ")." + Names.didYouMean(g.nodeClass(), classes));
        }
      } else {
        fit(g, gs, eligible);
        agentPorts(g, gs, eligible);
        for (VolumeSpec v : g.volumes()) {
          List<String> lacking = eligible.stream()
              .filter(c -> c.group().hostVolumes().stream().map(HostVolumeSpec::name).noneMatch(v.source()::equals))
              .map(GroupPlan::name).toList();
          if (!lacking.isEmpty()) {
            List<String> having = eligible.stream().filter(c -> !lacking.contains(c.name())).map(GroupPlan::name).toList();
            diagnostics.error(Rule.VOLUME, v.declaredAt().at("source"), gs + " claims host volume \"" + v.source()
                + "\", but client group(s) " + String.join(", ", lacking) + " it can land on do not declare it"
                + (having.isEmpty() ? "" : " (" + String.join(", ", having) + " do)")
                + ". Declare @HostVolume(name = \"" + v.source() + "\") there, or narrow the job's datacenters or the group's nodeClass.");
          }
        }
      }
      for (Task t : g.tasks()) {
        for (int i = 0; i < t.vaultPolicies().size(); i++) {
          String p = t.vaultPolicies().get(i);
          if (!declared.contains(p)) {
            diagnostics.error(Rule.VAULT_POLICY, t.source().at("vaultPolicies", i), "task \"" + job.id() + "." + g.name() + "."
                + t.name() + "\" asks for Vault policy \"" + p + "\", which is declared neither on the cluster nor on the job."
                + " Declare it with @VaultPolicy(name = \"" + p + "\", rules = ...)." + Names.didYouMean(p, declared));
          }
        }
      }
    }
  }

  /** Static ports must not be ones the client's agents bind, nor ones the client group's own rules name. */
  private void agentPorts(TaskGroup g, String subject, List<GroupPlan> eligible) {
    for (Port p : g.ports()) {
      if (!p.isStatic()) {
        continue;
      }
      String agent = NomadReserve.AGENT_PORT_NAMES.get(p.value());
      if (agent == null) {
        agent = eligible.stream().flatMap(c -> c.ports().stream())
            .filter(r -> !r.service().equals("custom") && !r.service().equals("nomad-dynamic") && !r.service().startsWith(JobPort.SERVICE_PREFIX))
            .filter(r -> r.fromPort() <= p.value() && p.value() <= r.toPort())
            .map(dev.bitte.processor.plan.PortRule::service).findFirst().orElse(null);
      }
      if (agent != null) {
        diagnostics.error(Rule.PORT_COLLISION, p.source().at("value"), subject + " port \"" + p.label() + "\" uses static port "
            + p.value() + ", which the client's own " + agent + " binds. Pick another port or use a dynamic one (value = 0).");
      }
    }
  }

  private void fit(TaskGroup g, String subject, List<GroupPlan> eligible) {
    GroupPlan largest = null;
    int largestCpu = 0;
    int largestMemory = 0;
    for (GroupPlan c : eligible) {
      int cpu = g.cpuMhzAt(c.instance().clockMhz());
      int memory = g.memoryMibNeeded();
      int cpuFree = c.instance().cpuMhz() - NomadReserve.CPU_MHZ;
      int memoryFree = c.instance().memoryMib() - NomadReserve.MEMORY_MIB;
      if (cpu <= cpuFree && memory <= memoryFree) {
        return;
      }
      if (largest == null || memoryFree > largestMemory || (memoryFree == largestMemory && cpuFree > largestCpu)) {
        largest = c;
        largestCpu = cpuFree;
        largestMemory = memoryFree;
      }
    }
    int cpu = g.cpuMhzAt(largest.instance().clockMhz());
    int memory = g.memoryMibNeeded();
    diagnostics.error(Rule.GROUP_FIT, g.source(), subject + " needs " + cpu + " MHz and " + memory
        + " MiB on one client" + (g.usesConnect() ? " (with the Connect sidecar's " + TaskGroup.SIDECAR_CPU_MHZ + " MHz and "
        + TaskGroup.SIDECAR_MEMORY_MIB + " MiB)" : "") + ", but it fits on no eligible instance: the largest, " + largest.instance().name()
        + " of client group " + largest.name() + ", offers " + largestCpu + " MHz and " + largestMemory + " MiB after the client's reserve of "
        + NomadReserve.CPU_MHZ + " MHz and " + NomadReserve.MEMORY_MIB + " MiB. Lower the tasks' cpu or memoryMb, or use a larger instance type.");
  }


  // ------------------------------------------------------------------ the jobs of one cluster together

  /**
   * Jobs compiled apart from their cluster: the cluster came from another module's class files,
   * so this compilation writes only the jobs, and the hydrate workspace and security groups stay
   * the cluster's module's, made from the jobs compiled there. What these jobs need from them is
   * not created, and fails only at run time; each is a warning on the attribute that asks for it.
   */
  public void validateApart(List<Job> jobs, FleetPlan plan) {
    String why = " is created by the hydrate workspace of cluster \"" + plan.name() + "\" only for jobs compiled with the cluster"
        + " (this compilation reads the cluster from class files, so it writes the jobs alone).";
    for (Job j : jobs.stream().sorted(Comparator.comparing(Job::javaQualifiedName)).toList()) {
      if (!j.namespace().equals(dev.bitte.processor.plan.HydratePlan.DEFAULT_NAMESPACE)) {
        diagnostics.warning(Rule.APART_FROM_CLUSTER, j.source().at("namespace"), "job \"" + j.id() + "\" runs in namespace \""
            + j.namespace() + "\", which" + why + " Nomad refuses the job while the namespace does not exist: compile the job in"
            + " the cluster's module, or create the namespace (`nomad namespace apply " + j.namespace() + "`).");
      }
      for (TaskGroup g : j.groups()) {
        for (Task t : g.tasks()) {
          if (!t.vaultPolicies().isEmpty()) {
            diagnostics.warning(Rule.APART_FROM_CLUSTER, t.source().at("vaultPolicies"), "task \"" + j.id() + "." + g.name() + "."
                + t.name() + "\" asks for Vault policies " + t.vaultPolicies() + ", but its Vault role \"" + j.vaultRole(t.name())
                + "\"" + why + " (as are the JWT auth method it belongs to, unless the cluster's own jobs use Vault, and any @VaultPolicy"
                + " declared on this job). Without them the task gets no Vault token: compile the job in the cluster's module.");
          }
        }
        for (ServiceSpec s : g.services()) {
          for (Upstream u : s.upstreams()) {
            diagnostics.warning(Rule.APART_FROM_CLUSTER, u.source().at("service"), "the Consul intention that lets service \""
                + s.name() + "\" of job \"" + j.id() + "\" call \"" + u.service() + "\" through the mesh" + why
                + " Consul denies the call without it: compile the job in the cluster's module (an intention made by hand for \""
                + u.service() + "\" lasts only while the cluster's hydrate workspace manages none: it owns each destination's whole list).");
          }
        }
        for (Port p : g.ports()) {
          if (p.isStatic()) {
            diagnostics.warning(Rule.APART_FROM_CLUSTER, p.source().at("value"), "job \"" + j.id() + "\" group \"" + g.name()
                + "\" uses static port " + p.value() + ", which the client groups' security groups and firewalls open only for"
                + " jobs compiled with cluster \"" + plan.name() + "\" (this compilation reads the cluster from class files, so it"
                + " writes the jobs alone). Other hosts cannot reach the port: compile the job in the cluster's module.");
          }
        }
      }
    }
  }

  /** Checks what only shows with all of a cluster's jobs: duplicate ids, upstreams, static port collisions. */
  public void validateTogether(List<Job> jobs, FleetPlan plan) {
    List<Job> sorted = jobs.stream().sorted(Comparator.comparing(Job::javaQualifiedName)).toList();
    Map<String, Job> ids = new HashMap<>();
    Set<String> connectServices = new TreeSet<>();
    for (Job j : sorted) {
      Job previous = ids.putIfAbsent(j.namespace() + "/" + j.id(), j);
      if (previous != null) {
        diagnostics.error(Rule.DUPLICATE_NAME, j.source().at("id"), "job \"" + j.id() + "\" in namespace \"" + j.namespace()
            + "\" is also declared by " + previous.javaQualifiedName() + " for cluster \"" + plan.name()
            + "\"; both would be written to " + j.path() + ". Give one another id.");
      }
      j.groups().forEach(g -> g.services().stream().filter(ServiceSpec::connect).forEach(s -> connectServices.add(s.name())));
    }
    for (Job j : sorted) {
      for (TaskGroup g : j.groups()) {
        for (ServiceSpec s : g.services()) {
          for (Upstream u : s.upstreams()) {
            if (!u.external() && !connectServices.contains(u.service())) {
              diagnostics.error(Rule.UPSTREAM, u.source().at("service"), "service \"" + s.name() + "\" of job \"" + j.id()
                  + "\" has upstream \"" + u.service() + "\", but no job of cluster \"" + plan.name()
                  + "\" provides a Connect service of that name (Connect services: "
                  + (connectServices.isEmpty() ? "none" : String.join(", ", connectServices)) + ")."
                  + Names.didYouMean(u.service(), connectServices) + " If it is registered outside Bitte, set external = true.");
            }
          }
        }
      }
    }
    // Static ports: two groups collide when some client could host both.
    // Earlier uses by port number: comparing each static port with every earlier one was
    // quadratic in the jobs' static ports.
    record Use(Job job, TaskGroup group, Port port, Set<String> hosts) {}
    Map<Integer, List<Use>> usesByPort = new HashMap<>();
    for (Job j : sorted) {
      for (TaskGroup g : j.groups()) {
        if (g.ports().stream().noneMatch(Port::isStatic)) {
          continue;
        }
        Set<String> hosts = eligible(j, g, plan).stream().map(GroupPlan::name).collect(Collectors.toSet());
        for (Port p : g.ports()) {
          if (p.isStatic()) {
            List<Use> uses = usesByPort.computeIfAbsent(p.value(), k -> new ArrayList<>());
            for (Use other : uses) {
              if (other.group() != g && other.hosts().stream().anyMatch(hosts::contains)) {
                Set<String> shared = new TreeSet<>(other.hosts());
                shared.retainAll(hosts);
                diagnostics.error(Rule.PORT_COLLISION, p.source().at("value"), "group \"" + j.id() + "." + g.name() + "\" port \""
                    + p.label() + "\" uses static port " + p.value() + ", as does port \"" + other.port().label() + "\" of group \""
                    + other.job().id() + "." + other.group().name() + "\"; both can land on client group(s) "
                    + String.join(", ", shared) + ". Use a dynamic port (value = 0) or separate them by node class.");
                break;
              }
            }
            uses.add(new Use(j, g, p, hosts));
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ shared checks

  private void name(String value, String what, Source at) {
    if (!Names.isDnsLabel(value)) {
      diagnostics.error(Rule.NAME, at, what + " \"" + value + "\" is not a DNS label (lowercase letters, digits and '-', "
          + "at most 63 characters, not starting or ending with '-')."
          + (Names.isDnsLabel(Names.kebab(value)) ? " Did you mean \"" + Names.kebab(value) + "\"?" : ""));
    }
  }

  private void duration(String value, String what, Source at) {
    long nanos = GoDuration.parseNanos(value);
    if (nanos <= 0) {
      diagnostics.error(Rule.DURATION, at, what + " \"" + value + "\" is not a positive Go duration. Write e.g. \"10s\", \"1m30s\" or \"2h\".");
    } else if (nanos > MAX_DURATION_NANOS) {
      diagnostics.error(Rule.DURATION, at, what + " \"" + value + "\" is longer than a year; that is surely a mistake.");
    }
  }

  private void meta(List<KeyValue> meta) {
    Set<String> keys = new HashSet<>();
    for (KeyValue kv : meta) {
      if (!META_KEY.matcher(kv.key()).matches() || !keys.add(kv.key())) {
        diagnostics.error(Rule.META, kv.source().at("key"), "meta key \"" + kv.key()
            + "\" is empty, duplicated or not an identifier (a letter or '_', then letters, digits, '_' or '-').");
      }
    }
  }

  /** Declared policies: names are DNS labels, unique, with rules. Used for the cluster's policies too. */
  public void policies(List<VaultPolicySpec> policies) {
    Set<String> names = new HashSet<>();
    for (VaultPolicySpec p : policies) {
      name(p.name(), "Vault policy name", p.source().at("name"));
      if (!names.add(p.name())) {
        diagnostics.error(Rule.VAULT_POLICY, p.source().at("name"), "Vault policy \"" + p.name() + "\" is declared twice.");
      }
      if (p.rules().isBlank()) {
        diagnostics.error(Rule.VAULT_POLICY, p.source().at("rules"), "Vault policy \"" + p.name()
            + "\" has no rules. Write them in Vault's policy language, e.g. path \"kv/data/app/*\" { capabilities = [\"read\"] }.");
      }
    }
  }

  private static String hintPort(String label, Set<String> labels) {
    return labels.isEmpty() ? " Declare it with @Port(label = \"" + label + "\")." : " Declared: " + String.join(", ", labels) + "."
        + Names.didYouMean(label, labels);
  }

  private static String typeName(Job job) {
    return job.type().name().toLowerCase(java.util.Locale.ROOT);
  }
}
