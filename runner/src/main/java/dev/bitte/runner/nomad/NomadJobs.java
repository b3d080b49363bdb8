package dev.bitte.runner.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.artifacts.ArtifactFolder;
import dev.bitte.runner.artifacts.Manifest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code bitte jobs plan|run|status|stop}: the nomad CLI's job workflow over the HTTP API. Run =
 * parse, plan with diff, register with the plan's JobModifyIndex enforced, then follow the
 * evaluation and (for service jobs) the deployment until it is successful or failed.
 */
public final class NomadJobs {
  private static final Set<String> EVAL_DONE = Set.of("complete", "failed", "canceled", "cancelled");
  private static final Set<String> DEPLOYMENT_FAILED = Set.of("failed", "cancelled", "canceled");

  private final Console console;
  private final NomadConfig config;
  private final Supplier<NomadClient> client;
  private final ArtifactFolder artifacts;
  private final Sleeper sleeper;

  /** Waits between polls; tests pass a sleeper that does not wait. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public NomadJobs(Console console, NomadConfig config, Supplier<NomadClient> client, ArtifactFolder artifacts, Sleeper sleeper) {
    this.console = console;
    this.config = config;
    this.client = client;
    this.artifacts = artifacts;
    this.sleeper = sleeper;
  }

  /** The manifest's jobs, or the ones named (by id or namespace/id). */
  public List<Manifest.JobFile> select(List<String> names) {
    List<Manifest.JobFile> all = artifacts.manifest().jobs();
    if (names == null || names.isEmpty()) {
      if (all.isEmpty()) {
        console.note("no Nomad jobs in the artifacts of " + artifacts.manifest().clusterName());
      }
      return all;
    }
    List<Manifest.JobFile> out = new ArrayList<>();
    for (String n : names) {
      List<Manifest.JobFile> m = all.stream().filter(j -> j.id().equals(n) || (j.namespace() + "/" + j.id()).equals(n)).toList();
      if (m.isEmpty()) {
        throw new BitteException("no job \"" + n + "\" in the manifest of " + artifacts.manifest().clusterName(),
            "the jobs are: " + (all.isEmpty() ? "(none)" : String.join(", ", all.stream().map(j -> j.namespace() + "/" + j.id()).toList())),
            "declare it with @Job(cluster = ...) and rebuild, or use one of the names above");
      }
      if (m.size() > 1) {
        throw new BitteException("job \"" + n + "\" exists in several namespaces", m.toString(), "name it as namespace/id");
      }
      out.add(m.get(0));
    }
    return out;
  }

  /** Prints the diff; returns whether registering would change anything. */
  public boolean plan(Manifest.JobFile job) {
    console.line("job " + job.namespace() + "/" + job.id());
    if (console.dryRun()) {
      console.action("POST " + config.address() + "/v1/jobs/parse (" + job.path() + ")");
      console.action("POST " + config.address() + "/v1/job/" + job.id() + "/plan?namespace=" + job.namespace() + " (Diff=true)");
      return false;
    }
    JsonNode parsed = parse(job);
    JsonNode plan = client.get().plan(parsed, job.namespace());
    return printPlan(plan);
  }

  /** Plans, then registers with EnforceIndex and follows the rollout. */
  public void run(Manifest.JobFile job) {
    console.line("job " + job.namespace() + "/" + job.id());
    String q = "?namespace=" + job.namespace();
    if (console.dryRun()) {
      console.action("POST " + config.address() + "/v1/jobs/parse (" + job.path() + ")");
      console.action("POST " + config.address() + "/v1/job/" + job.id() + "/plan" + q + " (Diff=true)");
      console.action("POST " + config.address() + "/v1/jobs" + q + " (EnforceIndex=true, JobModifyIndex from the plan) — only if the plan has changes");
      console.action("GET " + config.address() + "/v1/evaluation/<EvalID> until complete");
      console.action("GET " + config.address() + "/v1/job/" + job.id() + "/deployment" + q + " until successful or failed (service jobs)");
      return;
    }
    NomadClient nomad = client.get();
    JsonNode parsed = parse(job);
    JsonNode plan = nomad.plan(parsed, job.namespace());
    boolean changes = printPlan(plan);
    if (!changes) {
      console.note("up to date, nothing to register");
      return;
    }
    long index = plan.path("JobModifyIndex").asLong(0);
    JsonNode reg = nomad.register(parsed, job.namespace(), index);
    long registeredIndex = reg.path("JobModifyIndex").asLong(0);
    String evalId = reg.path("EvalID").asText("");
    console.note("registered at index " + registeredIndex + (evalId.isEmpty() ? "" : ", evaluation " + evalId));
    if (!evalId.isEmpty()) {
      followEvaluation(job, evalId);
    }
    String type = parsed.path("Type").asText("service");
    if (type.equals("service")) {
      followDeployment(job, registeredIndex);
    }
  }

  public void status(Manifest.JobFile job) {
    console.line("job " + job.namespace() + "/" + job.id());
    String q = "?namespace=" + job.namespace();
    if (console.dryRun()) {
      console.action("GET " + config.address() + "/v1/job/" + job.id() + q);
      console.action("GET " + config.address() + "/v1/job/" + job.id() + "/deployment" + q);
      return;
    }
    JsonNode j = client.get().job(job.id(), job.namespace());
    if (j == null) {
      console.note("not registered");
      return;
    }
    console.note(String.format(Locale.ROOT, "status %s, type %s, version %d%s", j.path("Status").asText("?"), j.path("Type").asText("?"),
        j.path("Version").asLong(), j.path("Stop").asBoolean() ? ", stopped" : ""));
    JsonNode d = client.get().latestDeployment(job.id(), job.namespace());
    if (d != null) {
      console.note("latest deployment " + d.path("ID").asText() + ": " + d.path("Status").asText() + " — " + d.path("StatusDescription").asText());
    }
  }

  public void stop(Manifest.JobFile job) {
    console.line("job " + job.namespace() + "/" + job.id());
    if (console.dryRun()) {
      console.action("DELETE " + config.address() + "/v1/job/" + job.id() + "?namespace=" + job.namespace());
      console.action("GET " + config.address() + "/v1/evaluation/<EvalID> until complete");
      return;
    }
    JsonNode r = client.get().stop(job.id(), job.namespace());
    String evalId = r == null ? "" : r.path("EvalID").asText("");
    console.note("stop requested" + (evalId.isEmpty() ? "" : ", evaluation " + evalId));
    if (!evalId.isEmpty()) {
      followEvaluation(job, evalId);
    }
  }

  /**
   * Stops and purges the jobs (bitte destroy), with the children a periodic or parameterized job
   * launched ({@code <id>/periodic-…}, {@code <id>/dispatch-…}), then waits until none of their
   * allocations runs any more: Nomad deletes a namespace only when nothing runs in it.
   */
  public void purgeAll(List<Manifest.JobFile> jobs) {
    java.util.Map<String, java.util.Set<String>> purged = new java.util.TreeMap<>(); // namespace -> job ids
    for (Manifest.JobFile job : jobs) {
      console.line("job " + job.namespace() + "/" + job.id());
      if (console.dryRun()) {
        console.action("GET " + config.address() + "/v1/jobs?prefix=" + job.id() + "/&namespace=" + job.namespace()
            + " (children of periodic and parameterized jobs)");
        console.action("DELETE " + config.address() + "/v1/job/" + job.id() + "?purge=true&namespace=" + job.namespace()
            + " (and each child)");
        continue;
      }
      java.util.Set<String> ids = purged.computeIfAbsent(job.namespace(), k -> new java.util.TreeSet<>());
      JsonNode children = client.get().jobsWithPrefix(job.id() + "/", job.namespace());
      if (children != null) {
        for (JsonNode c : children) {
          String id = c.path("ID").asText("");
          if (id.startsWith(job.id() + "/")) {
            purgeOne(id, job.namespace(), ids);
          }
        }
      }
      purgeOne(job.id(), job.namespace(), ids);
    }
    if (console.dryRun()) {
      console.action("GET " + config.address() + "/v1/allocations?namespace=<each> until no allocation of these jobs is pending or running");
      return;
    }
    long deadline = System.nanoTime() + config.maxWait().toNanos();
    for (Map.Entry<String, java.util.Set<String>> e : purged.entrySet()) {
      while (true) {
        List<String> running = new ArrayList<>();
        JsonNode allocs = client.get().allocations(e.getKey());
        if (allocs != null) {
          for (JsonNode a : allocs) {
            String status = a.path("ClientStatus").asText("");
            if (e.getValue().contains(a.path("JobID").asText()) && (status.equals("pending") || status.equals("running"))) {
              running.add(a.path("JobID").asText() + " " + a.path("ID").asText("").substring(0, Math.min(8, a.path("ID").asText("").length())));
            }
          }
        }
        if (running.isEmpty()) {
          break;
        }
        console.note("namespace " + e.getKey() + ": " + running.size() + " allocation(s) still stopping");
        if (System.nanoTime() > deadline) {
          throw new BitteException(running.size() + " allocation(s) of the purged jobs still run in namespace " + e.getKey()
              + " after " + config.maxWait().toSeconds() + "s: " + String.join(", ", running),
              "their tasks have not stopped yet (kill timeouts, or a client that does not answer)",
              "wait, then rerun the command (purged jobs stay purged), or raise --wait");
        }
        try {
          sleeper.sleep(config.pollInterval());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new BitteException("interrupted while waiting for allocations to stop", "the runner was stopped", "rerun the command");
        }
      }
    }
    console.note("no allocation of the purged jobs runs");
  }

  /**
   * Nomad answers a job it does not know with no modify index; a periodic or parameterized
   * parent is purged without an evaluation (it has no allocations of its own).
   */
  private void purgeOne(String id, String namespace, java.util.Set<String> purged) {
    JsonNode r = client.get().purge(id, namespace);
    long index = r == null ? 0 : r.path("JobModifyIndex").asLong(0);
    String evalId = r == null ? "" : r.path("EvalID").asText("");
    if (index == 0 && evalId.isEmpty()) {
      console.note(id + ": not registered (nothing to purge)");
      return;
    }
    purged.add(id);
    console.note(id + ": stopped and purged" + (evalId.isEmpty() ? "" : ", evaluation " + evalId));
  }

  private JsonNode parse(Manifest.JobFile job) {
    if (!artifacts.has(job.path())) {
      throw new BitteException("the manifest lists job " + job.namespace() + "/" + job.id() + " at " + job.path() + ", which is not among its artifacts",
          "every file the runner uses must be listed (and verified) in manifest.json", "regenerate the artifacts with `mvn compile`");
    }
    String hcl = new String(artifacts.bytes(job.path()), StandardCharsets.UTF_8);
    JsonNode parsed = client.get().parse(hcl, job.path());
    if (parsed == null || !parsed.path("ID").isTextual()) {
      throw new BitteException("Nomad returned no job for " + job.path(), "the parse response has no ID", "check the artifact with `nomad job validate`");
    }
    if (!parsed.path("ID").asText().equals(job.id())) {
      throw new BitteException(job.path() + " declares job \"" + parsed.path("ID").asText() + "\"",
          "the runner expects the file name to be the job id (" + job.id() + ")", "regenerate the artifacts with `mvn compile`");
    }
    return parsed;
  }

  /** Prints the plan's diff and placement problems; true when the job would change. */
  private boolean printPlan(JsonNode plan) {
    String type = plan.path("Diff").path("Type").asText("None");
    boolean changes = !type.equals("None");
    console.note("diff: " + type + (changes ? "" : " (no changes)"));
    for (JsonNode tg : plan.path("Diff").path("TaskGroups")) {
      if (!tg.path("Type").asText("None").equals("None")) {
        console.note("  group " + tg.path("Name").asText() + ": " + tg.path("Type").asText() + updates(tg.path("Updates")));
      }
    }
    JsonNode desired = plan.path("Annotations").path("DesiredTGUpdates");
    for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> parts = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> kv = f.next();
        if (kv.getValue().asLong() != 0) {
          parts.add(kv.getKey().toLowerCase(Locale.ROOT) + " " + kv.getValue().asLong());
        }
      }
      if (!parts.isEmpty()) {
        console.note("  " + e.getKey() + ": " + String.join(", ", parts));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = plan.path("FailedTGAllocs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      console.warn("group " + e.getKey() + " could not be placed: " + placementReason(e.getValue()));
    }
    return changes;
  }

  private static String updates(JsonNode updates) {
    if (!updates.isObject() || updates.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    updates.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
    return " (" + String.join(", ", parts) + ")";
  }

  private static String placementReason(JsonNode metric) {
    List<String> parts = new ArrayList<>();
    metric.path("DimensionExhausted").fields().forEachRemaining(e -> parts.add(e.getKey() + " exhausted on " + e.getValue().asLong() + " nodes"));
    metric.path("ConstraintFiltered").fields().forEachRemaining(e -> parts.add("constraint " + e.getKey() + " filtered " + e.getValue().asLong() + " nodes"));
    if (metric.path("NodesEvaluated").asLong(-1) == 0) {
      parts.add("no eligible nodes");
    }
    return parts.isEmpty() ? metric.toString() : String.join("; ", parts);
  }

  private void followEvaluation(Manifest.JobFile job, String evalId) {
    long deadline = System.nanoTime() + config.maxWait().toNanos();
    while (true) {
      JsonNode ev = client.get().evaluation(evalId);
      String status = ev.path("Status").asText("");
      if (EVAL_DONE.contains(status)) {
        if (!status.equals("complete")) {
          throw new BitteException("evaluation " + evalId + " of job " + job.id() + " " + status,
              ev.path("StatusDescription").asText("no description"), "see `nomad eval status " + evalId + "`");
        }
        List<String> failed = new ArrayList<>();
        ev.path("FailedTGAllocs").fields().forEachRemaining(e -> failed.add(e.getKey() + ": " + placementReason(e.getValue())));
        if (!failed.isEmpty()) {
          throw new BitteException("job " + job.namespace() + "/" + job.id() + " could not be placed", String.join("; ", failed),
              "add capacity to the client groups the job can use, or lower its resources; then `bitte jobs run " + job.id() + "`");
        }
        console.note("evaluation " + evalId + " complete");
        return;
      }
      waitOrGiveUp(deadline, "evaluation " + evalId + " of job " + job.id() + " is still " + status, job);
    }
  }

  private void followDeployment(Manifest.JobFile job, long registeredIndex) {
    long deadline = System.nanoTime() + config.maxWait().toNanos();
    String last = "";
    while (true) {
      JsonNode d = client.get().latestDeployment(job.id(), job.namespace());
      boolean current = d != null && d.path("JobModifyIndex").asLong(0) >= registeredIndex;
      if (current) {
        String status = d.path("Status").asText("");
        String desc = d.path("StatusDescription").asText("");
        if (!status.equals(last)) {
          console.note("deployment " + d.path("ID").asText() + ": " + status + (desc.isEmpty() ? "" : " — " + desc));
          last = status;
        }
        if (status.equals("successful")) {
          return;
        }
        if (DEPLOYMENT_FAILED.contains(status)) {
          throw new BitteException("deployment of job " + job.namespace() + "/" + job.id() + " " + status,
              desc.isEmpty() ? "Nomad reports it " + status : desc,
              "inspect it with `nomad deployment status " + d.path("ID").asText() + "`; the previous version stays (or was rolled back if auto_revert is set)");
        }
      }
      waitOrGiveUp(deadline, "deployment of job " + job.id() + " is still " + (current ? last : "not started"), job);
    }
  }

  private void waitOrGiveUp(long deadline, String state, Manifest.JobFile job) {
    if (System.nanoTime() > deadline) {
      throw new BitteException(state + " after " + config.maxWait().toSeconds() + "s", "the rollout did not finish in time",
          "watch it with `bitte jobs status " + job.id() + "`, or raise --wait");
    }
    try {
      sleeper.sleep(config.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitteException("interrupted while waiting for job " + job.id(), "the runner was stopped", "watch it with `bitte jobs status " + job.id() + "`");
    }
  }
}
