package dev.bitte.processor.emit.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves every reference in a set of Terraform JSON root modules, given in apply order:
 * {@code ${...}} expressions in any string, {@code depends_on} entries and {@code provider}
 * arguments. A reference must name something declared in the same document (resource, data
 * source, variable, local, provider alias), or an output that the workspace whose S3 state a
 * {@code terraform_remote_state} reads really declares, and that workspace must be applied
 * earlier. Every {@code aws_*} block must name its provider explicitly.
 */
final class TerraformReferences {
  private static final Pattern REFERENCE = Pattern.compile(
      "(?<![\\w.\"])(data\\.[A-Za-z0-9_]+\\.[A-Za-z0-9_-]+(?:\\.outputs\\.[A-Za-z0-9_]+)?"
          + "|var\\.[A-Za-z0-9_]+|local\\.[A-Za-z0-9_]+|[a-z][a-z0-9]*_[a-z0-9_]+\\.[A-Za-z_][A-Za-z0-9_-]*)");

  private TerraformReferences() {}

  /** Problems as "workspace: where: what"; empty when everything resolves. */
  static List<String> check(Map<String, JsonNode> workspaces, Map<String, String> stateKeyToWorkspace) {
    List<String> problems = new ArrayList<>();
    List<String> order = new ArrayList<>(workspaces.keySet());
    for (String ws : order) {
      JsonNode doc = workspaces.get(ws);
      Set<String> declared = declared(doc);
      Map<String, String> remotes = new HashMap<>();
      doc.path("data").path("terraform_remote_state").fields().forEachRemaining(e ->
          remotes.put(e.getKey(), stateKeyToWorkspace.get(e.getValue().path("config").path("key").asText())));
      walk(doc, ws, "", (path, value) -> {
        for (String expr : expressions(value)) {
          Matcher m = REFERENCE.matcher(stripStrings(expr));
          while (m.find()) {
            String ref = m.group(1);
            resolve(ref, ws, path, declared, remotes, workspaces, order, problems);
          }
        }
      });
      for (String section : List.of("resource", "data")) {
        doc.path(section).fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(block -> {
          String where = section + "." + type.getKey() + "." + block.getKey();
          JsonNode provider = block.getValue().get("provider");
          if (provider == null && type.getKey().startsWith("aws_")) {
            problems.add(ws + ": " + where + ": no explicit provider");
          } else if (provider != null && !declared.contains("provider:" + provider.asText())) {
            problems.add(ws + ": " + where + ": provider " + provider.asText() + " is not configured");
          }
          for (JsonNode dep : block.getValue().path("depends_on")) {
            String d = dep.asText();
            if (!declared.contains(d)) {
              problems.add(ws + ": " + where + ": depends_on " + d + " is not declared");
            }
          }
        }));
      }
    }
    return problems;
  }

  private static void resolve(String ref, String ws, String path, Set<String> declared, Map<String, String> remotes,
      Map<String, JsonNode> workspaces, List<String> order, List<String> problems) {
    String[] parts = ref.split("\\.");
    if (parts[0].equals("data") && parts[1].equals("terraform_remote_state")) {
      String state = parts[2];
      if (!remotes.containsKey(state)) {
        problems.add(ws + ": " + path + ": ${" + ref + "}: no terraform_remote_state \"" + state + "\"");
        return;
      }
      String earlier = remotes.get(state);
      if (earlier == null || !workspaces.containsKey(earlier)) {
        problems.add(ws + ": " + path + ": remote state \"" + state + "\" reads a state key of no workspace");
        return;
      }
      if (order.indexOf(earlier) >= order.indexOf(ws)) {
        problems.add(ws + ": " + path + ": reads workspace " + earlier + ", which is applied later");
      }
      if (parts.length < 5 || !parts[3].equals("outputs")) {
        problems.add(ws + ": " + path + ": ${" + ref + "} does not read an output");
        return;
      }
      if (!workspaces.get(earlier).path("output").has(parts[4])) {
        problems.add(ws + ": " + path + ": ${" + ref + "}: workspace " + earlier + " has no output \"" + parts[4] + "\"");
      }
      return;
    }
    String key = parts[0].equals("data") ? "data." + parts[1] + "." + parts[2]
        : parts[0].equals("var") || parts[0].equals("local") ? parts[0] + "." + parts[1]
        : parts[0] + "." + parts[1];
    if (!declared.contains(key)) {
      problems.add(ws + ": " + path + ": ${" + ref + "}: " + key + " is not declared");
    }
  }

  /** Everything a document declares, as it is referenced. */
  static Set<String> declared(JsonNode doc) {
    Set<String> out = new HashSet<>();
    doc.path("resource").fields().forEachRemaining(t -> t.getValue().fieldNames().forEachRemaining(n -> out.add(t.getKey() + "." + n)));
    doc.path("data").fields().forEachRemaining(t -> t.getValue().fieldNames().forEachRemaining(n -> out.add("data." + t.getKey() + "." + n)));
    doc.path("variable").fieldNames().forEachRemaining(n -> out.add("var." + n));
    doc.path("locals").fieldNames().forEachRemaining(n -> out.add("local." + n));
    doc.path("provider").fields().forEachRemaining(p -> {
      for (JsonNode config : p.getValue().isArray() ? p.getValue() : List.of(p.getValue())) {
        out.add("provider:" + p.getKey() + (config.has("alias") ? "." + config.get("alias").asText() : ""));
      }
    });
    return out;
  }

  interface Visitor {
    void string(String path, String value);
  }

  static void walk(JsonNode node, String ws, String path, Visitor v) {
    if (node.isTextual()) {
      v.string(path, node.asText());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), ws, path + "[" + i + "]", v);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("//")) {
          walk(e.getValue(), ws, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), v);
        }
      }
    }
  }

  /** The {@code ${...}} expressions of a template string, skipping {@code $${} escapes; braces nest. */
  static List<String> expressions(String template) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < template.length() - 1; i++) {
      if (template.charAt(i) == '$' && template.charAt(i + 1) == '$') {
        i++;
        continue;
      }
      if (template.charAt(i) == '$' && template.charAt(i + 1) == '{') {
        int depth = 1;
        int j = i + 2;
        boolean inString = false;
        for (; j < template.length() && depth > 0; j++) {
          char c = template.charAt(j);
          if (c == '\\' && inString) {
            j++;
          } else if (c == '"') {
            inString = !inString;
          } else if (!inString && c == '{') {
            depth++;
          } else if (!inString && c == '}') {
            depth--;
          }
        }
        if (depth != 0) {
          throw new AssertionError("unterminated ${ in " + template);
        }
        out.add(template.substring(i + 2, j - 1));
        i = j - 1;
      }
    }
    return out;
  }

  /** Blanks string literals inside an expression, so their text is not read as references. */
  static String stripStrings(String expr) {
    StringBuilder b = new StringBuilder();
    boolean in = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (in && c == '\\') {
        i++;
        b.append("  ");
        continue;
      }
      if (c == '"') {
        in = !in;
        b.append('"');
      } else {
        b.append(in ? ' ' : c);
      }
    }
    return b.toString();
  }
}
