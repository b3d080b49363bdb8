package dev.bitte.processor.emit.nomad;

import dev.bitte.processor.emit.terraform.Hydrate;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.HydratePlan;

/**
 * The jobs' contribution to the {@code hydrate} Terraform workspace, from {@link FleetPlan#hydrate()}:
 * the Nomad namespaces the jobs use (other than {@code default}), the declared Vault policies,
 * one allowing Consul intention per Connect upstream (Consul's ACLs deny by default, so these
 * are exactly the calls the mesh lets through), and a Vault JWT role per task name of a job that asks for Vault policies.
 */
public final class JobsHydrate {
  private JobsHydrate() {}

  public static void contribute(FleetPlan plan, Hydrate hydrate) {
    HydratePlan h = plan.hydrate();
    h.namespaces().forEach(n -> hydrate.nomadNamespace(n, "Jobs of " + plan.name() + " in namespace " + n));
    h.vaultPolicies().forEach(p -> hydrate.vaultPolicy(p.name(), p.rules()));
    h.intentions().forEach(i -> hydrate.consulIntention(i.source(), i.destination(), true));
    for (dev.bitte.processor.model.Job job : plan.jobs()) {
      job.vaultPoliciesByTask().forEach((task, policies) -> hydrate.vaultRole(job.namespace(), job.id(), task, policies));
    }
  }
}
