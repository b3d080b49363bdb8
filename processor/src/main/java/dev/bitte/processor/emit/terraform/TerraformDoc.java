package dev.bitte.processor.emit.terraform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.emit.Json;
import java.util.Collection;
import java.util.Map;

/**
 * One Terraform JSON document (a root module's {@code main.tf.json}) being built. Thin helpers
 * over Jackson nodes: the writer classes say what a workspace holds, this class knows where each
 * kind of block goes in Terraform's JSON syntax. Keys are sorted when the document is written
 * ({@link Json#bytes}), so insertion order never shows.
 *
 * <p>A block name used twice is a bug in a workspace writer, never silently merged.
 */
final class TerraformDoc {
  private final ObjectNode root = Json.object();

  ObjectNode root() {
    return root;
  }

  /** The {@code terraform} block. */
  ObjectNode terraform() {
    return child(root, "terraform");
  }

  /** {@code resource "<type>" "<name>" {...}}. */
  ObjectNode resource(String type, String name) {
    return block(child(root, "resource"), type, name);
  }

  /** {@code data "<type>" "<name>" {...}}. */
  ObjectNode data(String type, String name) {
    return block(child(root, "data"), type, name);
  }

  /** {@code output "<name>" { value = ..., description = ... }}. */
  ObjectNode output(String name, String description) {
    ObjectNode o = fresh(child(root, "output"), name);
    o.put("description", description);
    return o;
  }

  /** An output whose value is one expression or literal string. */
  void output(String name, String description, String value) {
    output(name, description).put("value", value);
  }

  /** {@code variable "<name>" {...}}. */
  ObjectNode variable(String name, String type, String description) {
    ObjectNode v = fresh(child(root, "variable"), name);
    v.put("type", type);
    v.put("description", description);
    return v;
  }

  /** {@code locals { name = value }}. */
  void local(String name, String value) {
    ObjectNode locals = child(root, "locals");
    if (locals.has(name)) {
      throw new IllegalStateException("local " + name + " declared twice");
    }
    locals.put(name, value);
  }

  /**
   * A provider configuration. Terraform JSON lists several configurations of one provider as an
   * array under its name; a lone one is written the same way, so every document has one shape.
   */
  ObjectNode provider(String name) {
    ObjectNode providers = child(root, "provider");
    ArrayNode list = providers.has(name) ? (ArrayNode) providers.get(name) : providers.putArray(name);
    return list.addObject();
  }

  private static ObjectNode block(ObjectNode section, String type, String name) {
    return fresh(child(section, type), name);
  }

  private static ObjectNode fresh(ObjectNode parent, String name) {
    if (parent.has(name)) {
      throw new IllegalStateException("block " + name + " declared twice");
    }
    return parent.putObject(name);
  }

  static ObjectNode child(ObjectNode parent, String name) {
    return parent.has(name) ? (ObjectNode) parent.get(name) : parent.putObject(name);
  }

  /** {@code "${expr}"}: a Terraform expression inside a JSON string. */
  static String expr(String expression) {
    return "${" + expression + "}";
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode a = Json.array();
    values.forEach(a::add);
    return a;
  }

  static ObjectNode map(Map<String, String> values) {
    ObjectNode o = Json.object();
    values.forEach(o::put);
    return o;
  }

  byte[] bytes() {
    return Json.bytes(root);
  }
}
