package dev.bitte.processor.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An allow-list of Nomad jobspec block and attribute names per nesting level, taken from Nomad's
 * job specification reference (https://developer.hashicorp.com/nomad/docs/job-specification/ :
 * the pages job, group, task, network, port, service, check, connect, sidecar_service, proxy,
 * upstreams, constraint, affinity, spread, volume, volume_mount, ephemeral_disk, update, restart,
 * lifecycle, resources, logs, env, template, artifact, vault, identity, periodic, parameterized, meta;
 * the driver pages docker, exec, raw_exec and java for {@code config}). Only names those pages
 * document are listed, so a typo in a generated block or attribute name fails {@link #check}.
 *
 * <p>Walks hcl2json's JSON: a block is an array of bodies, a labelled block an object of label →
 * array of bodies.
 */
final class NomadJobspecSchema {
  /** A block's body: attribute names, child blocks, or free-form (meta, env: any identifier). */
  record Body(Set<String> attributes, Map<String, Block> blocks, boolean freeForm) {
    static Body of(Set<String> attributes, Map<String, Block> blocks) {
      return new Body(attributes, blocks, false);
    }
  }

  record Block(boolean labelled, Body body) {}

  private static final Body FREE = new Body(Set.of(), Map.of(), true);
  private static final Body CONSTRAINT = Body.of(Set.of("attribute", "operator", "value"), Map.of());
  private static final Body AFFINITY = Body.of(Set.of("attribute", "operator", "value", "weight"), Map.of());
  private static final Body SPREAD = Body.of(Set.of("attribute", "weight"), Map.of("target", new Block(true, Body.of(Set.of("value", "percent"), Map.of()))));
  private static final Body UPDATE = Body.of(Set.of("max_parallel", "health_check", "min_healthy_time", "healthy_deadline",
      "progress_deadline", "auto_revert", "auto_promote", "canary", "stagger"), Map.of());
  private static final Body CHECK = Body.of(Set.of("type", "path", "interval", "timeout", "port", "expose", "method", "protocol",
      "name", "address_mode", "command", "args", "initial_status", "grpc_service", "grpc_use_tls", "tls_skip_verify",
      "on_update", "success_before_passing", "failures_before_critical", "task"), Map.of("header", new Block(false, FREE),
      "check_restart", new Block(false, Body.of(Set.of("limit", "grace", "ignore_warnings"), Map.of()))));
  private static final Body UPSTREAMS = Body.of(Set.of("destination_name", "destination_namespace", "local_bind_port",
      "local_bind_address", "datacenter", "destination_peer", "destination_type", "local_bind_socket_path",
      "local_bind_socket_mode"), Map.of());
  private static final Body PROXY = Body.of(Set.of("local_service_address", "local_service_port", "config"),
      Map.of("upstreams", new Block(false, UPSTREAMS)));
  private static final Body CONNECT = Body.of(Set.of("native"), Map.of(
      "sidecar_service", new Block(false, Body.of(Set.of("port", "tags", "disable_default_tcp_check", "meta"),
          Map.of("proxy", new Block(false, PROXY)))),
      "sidecar_task", new Block(false, FREE)));
  private static final Body SERVICE = Body.of(Set.of("name", "port", "tags", "canary_tags", "provider", "address_mode",
      "address", "task", "on_update", "enable_tag_override"),
      Map.of("check", new Block(false, CHECK), "connect", new Block(false, CONNECT), "meta", new Block(false, FREE)));
  private static final Body NETWORK = Body.of(Set.of("mode", "hostname"),
      Map.of("port", new Block(true, Body.of(Set.of("static", "to", "host_network"), Map.of())),
          "dns", new Block(false, Body.of(Set.of("servers", "searches", "options"), Map.of()))));
  /** Union of the config attributes of the docker, exec, raw_exec and java drivers that we may write. */
  private static final Body CONFIG = Body.of(Set.of("image", "command", "args", "ports", "jar_path", "jvm_options",
      "class", "class_path"), Map.of());
  private static final Body TASK = Body.of(Set.of("driver", "kill_timeout", "kill_signal", "leader", "user", "shutdown_delay"),
      Map.ofEntries(
          Map.entry("config", new Block(false, CONFIG)),
          Map.entry("lifecycle", new Block(false, Body.of(Set.of("hook", "sidecar"), Map.of()))),
          Map.entry("resources", new Block(false, Body.of(Set.of("cpu", "cores", "memory", "memory_max"), Map.of()))),
          Map.entry("logs", new Block(false, Body.of(Set.of("max_files", "max_file_size", "disabled"), Map.of()))),
          Map.entry("env", new Block(false, FREE)),
          Map.entry("meta", new Block(false, FREE)),
          Map.entry("vault", new Block(false, Body.of(Set.of("policies", "role", "change_mode", "change_signal", "env", "cluster"), Map.of()))),
          Map.entry("identity", new Block(false, Body.of(Set.of("name", "aud", "env", "file", "filepath", "ttl", "change_mode",
              "change_signal"), Map.of()))),
          Map.entry("volume_mount", new Block(false, Body.of(Set.of("volume", "destination", "read_only", "propagation_mode"), Map.of()))),
          Map.entry("artifact", new Block(false, Body.of(Set.of("source", "destination", "mode", "chown"),
              Map.of("options", new Block(false, FREE), "headers", new Block(false, FREE))))),
          Map.entry("template", new Block(false, Body.of(Set.of("destination", "data", "source", "env", "change_mode",
              "change_signal", "perms", "uid", "gid", "left_delimiter", "right_delimiter", "splay", "error_on_missing_key"), Map.of()))),
          Map.entry("constraint", new Block(false, CONSTRAINT)),
          Map.entry("affinity", new Block(false, AFFINITY)),
          Map.entry("service", new Block(false, SERVICE))));
  private static final Body GROUP = Body.of(Set.of("count", "shutdown_delay", "stop_after_client_disconnect", "prevent_reschedule_on_lost"),
      Map.ofEntries(
          Map.entry("constraint", new Block(false, CONSTRAINT)),
          Map.entry("affinity", new Block(false, AFFINITY)),
          Map.entry("spread", new Block(false, SPREAD)),
          Map.entry("network", new Block(false, NETWORK)),
          Map.entry("volume", new Block(true, Body.of(Set.of("type", "source", "read_only", "access_mode", "attachment_mode", "per_alloc"), Map.of()))),
          Map.entry("ephemeral_disk", new Block(false, Body.of(Set.of("size", "migrate", "sticky"), Map.of()))),
          Map.entry("update", new Block(false, UPDATE)),
          Map.entry("restart", new Block(false, Body.of(Set.of("attempts", "interval", "delay", "mode", "render_templates"), Map.of()))),
          Map.entry("reschedule", new Block(false, Body.of(Set.of("attempts", "interval", "delay", "delay_function", "max_delay", "unlimited"), Map.of()))),
          Map.entry("migrate", new Block(false, Body.of(Set.of("max_parallel", "health_check", "min_healthy_time", "healthy_deadline"), Map.of()))),
          Map.entry("meta", new Block(false, FREE)),
          Map.entry("service", new Block(false, SERVICE)),
          Map.entry("task", new Block(true, TASK))));
  private static final Body JOB = Body.of(Set.of("namespace", "type", "datacenters", "priority", "region", "node_pool", "all_at_once"),
      Map.of("group", new Block(true, GROUP),
          "meta", new Block(false, FREE),
          "constraint", new Block(false, CONSTRAINT),
          "affinity", new Block(false, AFFINITY),
          "spread", new Block(false, SPREAD),
          "update", new Block(false, UPDATE),
          "periodic", new Block(false, Body.of(Set.of("crons", "cron", "prohibit_overlap", "time_zone", "enabled"), Map.of())),
          "parameterized", new Block(false, Body.of(Set.of("payload", "meta_required", "meta_optional"), Map.of()))));
  static final Body FILE = Body.of(Set.of(), Map.of("job", new Block(true, JOB)));

  private NomadJobspecSchema() {}

  /** Every name in {@code json} that the schema does not allow, as {@code path: name}; empty when all are known. */
  static List<String> check(JsonNode json) {
    List<String> problems = new ArrayList<>();
    walk(json, FILE, "", problems);
    return problems;
  }

  private static void walk(JsonNode body, Body schema, String path, List<String> problems) {
    if (!body.isObject()) {
      problems.add(path + ": expected a block body, got " + body.getNodeType());
      return;
    }
    if (schema.freeForm()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      Block block = schema.blocks().get(name);
      if (block == null) {
        if (!schema.attributes().contains(name)) {
          problems.add(path + ": unknown name \"" + name + "\"");
        } else if (e.getValue().isObject() || (e.getValue().isArray() && e.getValue().size() > 0 && e.getValue().get(0).isObject())) {
          problems.add(path + ": \"" + name + "\" is an attribute but was written as a block");
        }
        continue;
      }
      if (block.labelled()) {
        if (!e.getValue().isObject()) {
          problems.add(path + ": \"" + name + "\" needs a label");
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> labels = e.getValue().fields(); labels.hasNext(); ) {
          Map.Entry<String, JsonNode> l = labels.next();
          for (JsonNode b : l.getValue()) {
            walk(b, block.body(), path + "/" + name + "[" + l.getKey() + "]", problems);
          }
        }
      } else {
        if (!e.getValue().isArray()) {
          problems.add(path + ": \"" + name + "\" is a block but was written as an attribute");
          continue;
        }
        for (JsonNode b : e.getValue()) {
          walk(b, block.body(), path + "/" + name, problems);
        }
      }
    }
  }
}
