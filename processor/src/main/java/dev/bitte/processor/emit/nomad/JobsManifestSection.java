package dev.bitte.processor.emit.nomad;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.emit.ManifestWriter.ManifestSection;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.Port;
import dev.bitte.processor.model.ServiceSpec;
import dev.bitte.processor.model.Task;
import dev.bitte.processor.model.TaskGroup;
import dev.bitte.processor.model.Upstream;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.HydratePlan;
import java.util.Locale;

/**
 * The manifest's {@code jobs} (what the runner registers, in order, with the file of each),
 * {@code jobStaticPorts} (static job ports per client group) and
 * {@code hydrate} (namespaces, Vault policy names and Consul intentions) sections.
 */
public final class JobsManifestSection implements ManifestSection {
  @Override
  public void contribute(FleetPlan plan, ObjectNode root) {
    ArrayNode jobs = root.putArray("jobs");
    for (Job job : plan.jobs()) {
      ObjectNode j = jobs.addObject();
      j.put("id", job.id());
      j.put("namespace", job.namespace());
      j.put("type", job.type().name().toLowerCase(Locale.ROOT));
      j.put("path", job.path());
      j.put("javaType", job.javaQualifiedName());
      ArrayNode dcs = j.putArray("datacenters");
      job.datacentersIn(plan.regionNames()).forEach(dcs::add);
      ArrayNode groups = j.putArray("groups");
      for (TaskGroup g : job.groups()) {
        ObjectNode o = groups.addObject();
        o.put("name", g.name());
        o.put("count", job.onEveryNode() ? 0 : g.count());
        o.put("nodeClass", g.nodeClass());
        ArrayNode tasks = o.putArray("tasks");
        for (Task t : g.tasks()) {
          tasks.addObject().put("name", t.name()).put("driver", t.driverName()).put("cpu", t.cpu()).put("cores", t.cores())
              .put("memoryMb", t.memoryMb());
        }
        ArrayNode staticPorts = o.putArray("staticPorts");
        g.ports().stream().filter(Port::isStatic).forEach(p -> staticPorts.addObject().put("label", p.label()).put("port", p.value()));
        ArrayNode services = o.putArray("services");
        for (ServiceSpec s : g.services()) {
          ObjectNode so = services.addObject().put("name", s.name()).put("connect", s.connect());
          ArrayNode ups = so.putArray("upstreams");
          for (Upstream u : s.upstreams()) {
            ups.addObject().put("service", u.service()).put("localPort", u.localPort());
          }
        }
        for (Task t : g.tasks()) {
          for (ServiceSpec s : t.services()) {
            services.addObject().put("name", s.name()).put("task", t.name()).put("connect", false).putArray("upstreams");
          }
        }
      }
    }
    ArrayNode ports = root.putArray("jobStaticPorts");
    plan.jobStaticPorts().forEach(p -> ports.addObject().put("clientGroup", p.clientGroup()).put("port", p.port())
        .put("namespace", p.namespace()).put("job", p.job()).put("group", p.group()).put("label", p.label())
        .put("protocols", String.join("+", p.transports())));
    HydratePlan h = plan.hydrate();
    ObjectNode hydrate = root.putObject("hydrate");
    ArrayNode ns = hydrate.putArray("nomadNamespaces");
    h.namespaces().forEach(ns::add);
    ArrayNode policies = hydrate.putArray("vaultPolicies");
    h.vaultPolicies().forEach(p -> policies.add(p.name()));
    ArrayNode intentions = hydrate.putArray("consulIntentions");
    h.intentions().forEach(i -> intentions.addObject().put("source", i.source()).put("destination", i.destination()).put("action", i.action()));
    hydrate.put("consulIntentionDefault", "deny");
  }
}
