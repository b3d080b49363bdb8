package dev.bitte.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks Terraform JSON ({@code *.tf.json}) against the schema of the AWS provider.
 *
 * <p>The schema is the compact one that {@code tools/validators/aws-schema.mjs} extracts from the
 * jsii assembly of the npm package {@code @cdktn/provider-aws} (generated from the provider's own
 * {@code terraform providers schema -json}). It is cached in {@code
 * tools/validators/node_modules/.cache/bitte/aws-schema.json} and regenerated here when missing or
 * made from another package version.
 *
 * <p>{@link #check} reports what Terraform itself would reject before asking AWS anything: unknown
 * resource, data source and ephemeral resource types, unknown arguments, missing required arguments
 * and blocks, a nested block where an attribute belongs and the reverse, more than one of a
 * single-item block, values of the wrong kind, and objects of attributes-as-blocks arguments
 * ({@code aws_security_group.ingress}) that lack some of their keys. It does not know the
 * provider's value constraints (ConflictsWith, ExactlyOneOf, enums, regexps), nor which nested
 * attributes of plugin-framework resources are required.
 */
public final class AwsProviderSchema {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** Top-level keys of a Terraform JSON document. */
  private static final Set<String> ROOT_KEYS =
      Set.of(
          "//", "terraform", "provider", "variable", "locals", "output", "module", "resource",
          "data", "ephemeral", "moved", "import", "removed", "check", "action", "list");

  private static final Set<String> RESOURCE_META =
      Set.of(
          "count", "for_each", "provider", "depends_on", "lifecycle", "connection", "provisioner");
  private static final Set<String> DATA_META =
      Set.of("count", "for_each", "provider", "depends_on", "lifecycle");
  private static final Set<String> PROVIDER_META = Set.of("alias", "version");
  private static final Set<String> LIFECYCLE_KEYS =
      Set.of(
          "//", "create_before_destroy", "prevent_destroy", "ignore_changes",
          "replace_triggered_by", "precondition", "postcondition", "action_trigger");
  private static final Set<String> DYNAMIC_KEYS =
      Set.of("//", "for_each", "iterator", "labels", "content");

  private static AwsProviderSchema instance;

  private final JsonNode schema;

  private AwsProviderSchema(JsonNode schema) {
    this.schema = schema;
  }

  /**
   * The schema, loaded once per JVM; extracted first (about two seconds) if the cache is missing
   * or stale. Missing node packages abort the test (fail it in CI).
   */
  public static synchronized AwsProviderSchema load() {
    if (instance == null) {
      instance = new AwsProviderSchema(readOrGenerate());
    }
    return instance;
  }

  /** Wraps an already loaded schema document (the format aws-schema.mjs writes). */
  public static AwsProviderSchema of(JsonNode schemaDocument) {
    return new AwsProviderSchema(schemaDocument);
  }

  /** Where the cached schema lives. */
  public static Path cacheFile() {
    return Tools.validatorsDir().resolve("node_modules/.cache/bitte/aws-schema.json");
  }

  private static JsonNode readOrGenerate() {
    Path node = Tools.requireNodeModules();
    Path file = cacheFile();
    String expected = "@cdktn/provider-aws@" + installedProviderVersion();
    try {
      if (Files.isRegularFile(file)) {
        JsonNode cached = MAPPER.readTree(file.toFile());
        if (expected.equals(cached.path("source").path("npm").asText())) {
          return cached;
        }
      }
      Tools.Result result =
          Tools.run(
              List.of(
                  node.toString(),
                  Tools.validatorsDir().resolve("aws-schema.mjs").toString(),
                  file.toString()),
              Tools.validatorsDir(),
              Map.of(),
              Duration.ofMinutes(5));
      if (!result.ok()) {
        throw new AssertionError("aws-schema.mjs failed:\n" + result.stderr());
      }
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String installedProviderVersion() {
    Path pkg = Tools.validatorsDir().resolve("node_modules/@cdktn/provider-aws/package.json");
    try {
      return MAPPER.readTree(pkg.toFile()).path("version").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The AWS provider version the schema describes, e.g. "6.66.0". */
  public String providerVersion() {
    return schema.path("source").path("terraform_provider_version").asText();
  }

  /** Every resource type, sorted. */
  public Set<String> resourceTypes() {
    return names(schema.path("resources"));
  }

  /** Every data source type, sorted ({@code aws_ami} for {@code data "aws_ami"}). */
  public Set<String> dataSourceTypes() {
    return names(schema.path("data_sources"));
  }

  /**
   * The arguments of a resource type ({@code aws_instance}) as the schema file spells them, or
   * null if the type is unknown.
   */
  public JsonNode resource(String type) {
    return schema.path("resources").get(type);
  }

  /** The arguments of a data source type ({@code aws_ami}), or null if unknown. */
  public JsonNode dataSource(String type) {
    return schema.path("data_sources").get(type);
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return Collections.unmodifiableSet(names);
  }

  /**
   * Every problem in a Terraform JSON document, each as "path: what", in document order; empty if
   * there is none. Only {@code aws_*} types (and {@code provider "aws"}) are checked.
   */
  public List<String> check(JsonNode terraformJson) {
    List<String> problems = new ArrayList<>();
    if (terraformJson == null || !terraformJson.isObject()) {
      problems.add("<root>: a Terraform JSON document must be an object, not " + kind(terraformJson));
      return problems;
    }
    terraformJson
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!ROOT_KEYS.contains(key)) {
                problems.add(
                    "<root>: unknown top-level key \""
                        + key
                        + "\""
                        + suggestion(key, ROOT_KEYS.iterator()));
              }
            });
    new Checker(problems).document(terraformJson);
    return problems;
  }

  /** {@link #check}, as an AssertionError listing every problem. */
  public void assertValid(JsonNode terraformJson) {
    List<String> problems = check(terraformJson);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "Terraform JSON does not fit the AWS provider "
              + providerVersion()
              + ":\n  "
              + String.join("\n  ", problems));
    }
  }

  private final class Checker {
    private final List<String> problems;
    /** The top-level arguments of the type being checked, for "args_ref". */
    private JsonNode rootArgs;

    Checker(List<String> problems) {
      this.problems = problems;
    }

    void document(JsonNode doc) {
      labelled(doc.get("resource"), "resource", "resources", "resource type", RESOURCE_META);
      labelled(doc.get("data"), "data", "data_sources", "data source", DATA_META);
      labelled(doc.get("ephemeral"), "ephemeral", "ephemeral_resources", "ephemeral resource", DATA_META);
      JsonNode providers = doc.get("provider");
      if (providers != null) {
        for (JsonNode block : elements(providers, "provider")) {
          JsonNode aws = block.get("aws");
          if (aws != null) {
            rootArgs = schema.path("provider");
            for (JsonNode body : elements(aws, "provider.aws")) {
              body(body, rootArgs, "provider.aws", PROVIDER_META, false);
            }
          }
        }
      }
    }

    /** {"resource": {"aws_instance": {"web": {...}}}}, where any level may also be an array. */
    private void labelled(
        JsonNode section, String path, String schemaKey, String what, Set<String> meta) {
      if (section == null) {
        return;
      }
      for (JsonNode byType : elements(section, path)) {
        for (Iterator<Map.Entry<String, JsonNode>> types = byType.fields(); types.hasNext(); ) {
          Map.Entry<String, JsonNode> type = types.next();
          String typeName = type.getKey();
          if (!typeName.startsWith("aws_")) {
            continue;
          }
          String typePath = path + "." + typeName;
          JsonNode args = schema.path(schemaKey).get(typeName);
          if (args == null) {
            problems.add(
                typePath
                    + ": unknown AWS "
                    + what
                    + " \""
                    + typeName
                    + "\" (provider "
                    + providerVersion()
                    + ")"
                    + suggestion(typeName, schema.path(schemaKey).fieldNames()));
            continue;
          }
          rootArgs = args;
          for (JsonNode byName : elements(type.getValue(), typePath)) {
            for (Iterator<Map.Entry<String, JsonNode>> names = byName.fields(); names.hasNext(); ) {
              Map.Entry<String, JsonNode> named = names.next();
              String name = named.getKey();
              String namePath = typePath + "." + name;
              if (!NAME.matcher(name).matches()) {
                problems.add(namePath + ": invalid name \"" + name + "\"");
              }
              for (JsonNode body : elements(named.getValue(), namePath)) {
                body(body, args, namePath, meta, false);
              }
            }
          }
        }
      }
    }

    /** The objects of a JSON-syntax block: one object, or an array of objects. */
    private List<JsonNode> elements(JsonNode node, String path) {
      List<JsonNode> list = new ArrayList<>();
      if (node.isObject()) {
        list.add(node);
      } else if (node.isArray()) {
        int i = 0;
        for (JsonNode element : node) {
          if (element.isObject()) {
            list.add(element);
          } else {
            problems.add(path + "[" + i + "]: must be an object, not " + kind(element));
          }
          i++;
        }
      } else {
        problems.add(path + ": must be an object, not " + kind(node));
      }
      return list;
    }

    /**
     * A block body. {@code lenient} is for the content of dynamic blocks of attributes-as-blocks,
     * where Terraform treats every key as optional.
     */
    private void body(JsonNode body, JsonNode args, String path, Set<String> meta, boolean lenient) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        JsonNode value = field.getValue();
        String keyPath = path + "." + key;
        if (key.equals("//")) {
          continue;
        }
        JsonNode arg = args.get(key);
        if (arg == null && meta.contains(key)) {
          meta(key, value, keyPath);
        } else if (arg == null && key.equals("dynamic")) {
          dynamic(value, args, keyPath);
        } else if (arg == null) {
          problems.add(
              path + ": unknown argument \"" + key + "\"" + suggestion(key, args.fieldNames()));
        } else {
          value(arg, value, keyPath);
        }
      }
      if (meta.contains("count") && present(body, "count") && present(body, "for_each")) {
        problems.add(path + ": \"count\" and \"for_each\" cannot both be set");
      }
      if (lenient) {
        return;
      }
      Set<String> dynamicBlocks = new TreeSet<>();
      JsonNode dynamic = body.get("dynamic");
      if (dynamic != null && !args.has("dynamic")) {
        for (JsonNode d : dynamic.isArray() ? dynamic : List.of(dynamic)) {
          d.fieldNames().forEachRemaining(dynamicBlocks::add);
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String name = entry.getKey();
        JsonNode arg = entry.getValue();
        if (arg.path("required").asBoolean() && !present(body, name) && !dynamicBlocks.contains(name)) {
          problems.add(
              path
                  + ": missing required "
                  + (arg.has("block") ? "block" : "argument")
                  + " \""
                  + name
                  + "\"");
        }
      }
    }

    private void meta(String key, JsonNode value, String path) {
      switch (key) {
        case "lifecycle" -> {
          for (JsonNode lifecycle : elements(value, path)) {
            lifecycle
                .fieldNames()
                .forEachRemaining(
                    k -> {
                      if (!LIFECYCLE_KEYS.contains(k)) {
                        problems.add(
                            path
                                + ": unknown lifecycle argument \""
                                + k
                                + "\""
                                + suggestion(k, LIFECYCLE_KEYS.iterator()));
                      }
                    });
          }
        }
        case "depends_on" -> {
          if (!value.isArray()) {
            problems.add(path + ": must be a list of references, not " + kind(value));
          } else {
            for (JsonNode d : value) {
              if (!d.isTextual()) {
                problems.add(path + ": every element must be a string reference, not " + kind(d));
              }
            }
          }
        }
        case "provider", "alias", "version" -> {
          if (!value.isTextual()) {
            problems.add(path + ": must be a string, not " + kind(value));
          }
        }
        default -> {
          // count, for_each, connection, provisioner: any expression.
        }
      }
    }

    /** "dynamic": {"ingress": {"for_each": ..., "content": {...}}}. */
    private void dynamic(JsonNode value, JsonNode args, String path) {
      for (JsonNode byName : elements(value, path)) {
        for (Iterator<Map.Entry<String, JsonNode>> it = byName.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          String name = entry.getKey();
          String namePath = path + "." + name;
          JsonNode arg = args.get(name);
          boolean attrAsBlocks = arg != null && arg.path("attr_as_blocks").asBoolean();
          if (arg == null || !(arg.has("block") || attrAsBlocks)) {
            problems.add(
                namePath
                    + ": dynamic block for \""
                    + name
                    + "\", which is not a nested block here"
                    + suggestion(name, blockNames(args)));
            continue;
          }
          for (JsonNode spec : elements(entry.getValue(), namePath)) {
            spec.fieldNames()
                .forEachRemaining(
                    k -> {
                      if (!DYNAMIC_KEYS.contains(k)) {
                        problems.add(namePath + ": unknown dynamic block argument \"" + k + "\"");
                      }
                    });
            if (!present(spec, "for_each")) {
              problems.add(namePath + ": missing required argument \"for_each\"");
            }
            JsonNode content = spec.get("content");
            if (content == null) {
              problems.add(namePath + ": missing required block \"content\"");
            } else if ("unknown".equals(arg.path("block").asText())) {
              elements(content, namePath + ".content");
            } else {
              for (JsonNode c : elements(content, namePath + ".content")) {
                body(c, nestedArgs(arg), namePath + ".content", Set.of(), attrAsBlocks);
              }
            }
          }
        }
      }
    }

    private Iterator<String> blockNames(JsonNode args) {
      List<String> names = new ArrayList<>();
      args.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().has("block") || e.getValue().path("attr_as_blocks").asBoolean()) {
                  names.add(e.getKey());
                }
              });
      return names.iterator();
    }

    /** The "args" of a nested block or object attribute, following "args_ref". */
    private JsonNode nestedArgs(JsonNode arg) {
      if (arg.has("args")) {
        return arg.get("args");
      }
      if (arg.has("args_ref")) {
        JsonNode node = rootArgs;
        for (String segment : arg.get("args_ref").asText().split("\\.")) {
          if (!segment.isEmpty()) {
            node = node.path(segment).path("args");
          }
        }
        return node;
      }
      return MAPPER.createObjectNode();
    }

    private void value(JsonNode arg, JsonNode value, String path) {
      if (value.isNull()) {
        return; // the same as not set; a missing required argument is reported by body()
      }
      if (arg.has("block")) {
        block(arg, value, path);
      } else {
        typed(arg.path("type").asText("any"), arg, value, path);
      }
    }

    private void block(JsonNode arg, JsonNode value, String path) {
      String nesting = arg.path("block").asText();
      if (!value.isObject() && !value.isArray()) {
        problems.add(
            path
                + ": is a nested block ("
                + nesting
                + "), so its value must be an object or a list of objects, not "
                + kind(value));
        return;
      }
      if (nesting.equals("single") && value.isArray() && value.size() > 1) {
        problems.add(path + ": at most one block is allowed here, found " + value.size());
      }
      if (nesting.equals("unknown")) {
        elements(value, path); // contents not modelled by the schema
        return;
      }
      JsonNode args = nestedArgs(arg);
      if (value.isObject()) {
        body(value, args, path, Set.of(), false);
      } else {
        int i = 0;
        for (JsonNode element : value) {
          String elementPath = path + "[" + i++ + "]";
          if (element.isObject()) {
            body(element, args, elementPath, Set.of(), false);
          } else {
            problems.add(elementPath + ": a nested block must be an object, not " + kind(element));
          }
        }
      }
    }

    /** An attribute of Terraform type {@code type}: string, number, bool, any, object, list(T), map(T). */
    private void typed(String type, JsonNode arg, JsonNode value, String path) {
      if (type.equals("any") || value.isNull()) {
        return;
      }
      if (value.isTextual()) {
        text(type, value.asText(), path);
        return;
      }
      switch (type) {
        case "string" -> {
          if (value.isContainerNode()) {
            problems.add(path + ": " + given(value) + " where a string attribute is expected");
          }
        }
        case "number" -> {
          if (!value.isNumber()) {
            problems.add(path + ": " + given(value) + " where a number attribute is expected");
          }
        }
        case "bool" -> {
          if (!value.isBoolean()) {
            problems.add(path + ": " + given(value) + " where a bool attribute is expected");
          }
        }
        case "object" -> object(arg, value, path);
        default -> {
          if (type.startsWith("list(") && type.endsWith(")")) {
            String element = type.substring(5, type.length() - 1);
            if (!value.isArray()) {
              problems.add(path + ": " + given(value) + " where " + type + " is expected");
              return;
            }
            int i = 0;
            for (JsonNode e : value) {
              typed(element, arg, e, path + "[" + i++ + "]");
            }
          } else if (type.startsWith("map(") && type.endsWith(")")) {
            String element = type.substring(4, type.length() - 1);
            if (!value.isObject()) {
              problems.add(path + ": " + given(value) + " where " + type + " is expected");
              return;
            }
            value
                .fields()
                .forEachRemaining(e -> typed(element, arg, e.getValue(), path + "." + e.getKey()));
          }
        }
      }
    }

    /**
     * A string where {@code type} is expected. Terraform's JSON syntax reads every string as a
     * template, so "${...}" may produce any type; a string without interpolation must convert.
     */
    private void text(String type, String text, String path) {
      if (text.contains("${") || text.contains("%{")) {
        return;
      }
      switch (type) {
        case "string" -> {}
        case "number" -> {
          try {
            new java.math.BigDecimal(text.trim());
          } catch (NumberFormatException e) {
            problems.add(path + ": \"" + text + "\" is not a number");
          }
        }
        case "bool" -> {
          if (!text.equals("true") && !text.equals("false")) {
            problems.add(path + ": \"" + text + "\" is not a bool");
          }
        }
        default ->
            problems.add(
                path + ": a plain string (no ${...} expression) where " + type + " is expected");
      }
    }

    /** One object of a nested attribute (object, list(object), map(object)). */
    private void object(JsonNode arg, JsonNode value, String path) {
      if (!value.isObject()) {
        problems.add(path + ": " + given(value) + " where an object is expected");
        return;
      }
      JsonNode args = nestedArgs(arg);
      boolean allKeys = arg.path("attr_as_blocks").asBoolean();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode nested = args.get(field.getKey());
        if (nested == null) {
          problems.add(
              path
                  + ": unknown attribute \""
                  + field.getKey()
                  + "\""
                  + suggestion(field.getKey(), args.fieldNames()));
        } else {
          value(nested, field.getValue(), path + "." + field.getKey());
        }
      }
      List<String> missing = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        boolean isPresent = value.has(entry.getKey()); // null counts: Terraform wants the key
        if (!isPresent && (allKeys || entry.getValue().path("required").asBoolean())) {
          missing.add(entry.getKey());
        }
      }
      if (!missing.isEmpty()) {
        problems.add(
            path
                + ": missing "
                + (allKeys
                    ? "attributes " + missing + " (an attributes-as-blocks object in JSON must give"
                        + " every key; use null for unset ones)"
                    : "required attributes " + missing));
      }
    }
  }

  private static boolean present(JsonNode body, String key) {
    JsonNode v = body.get(key);
    return v != null && !v.isNull();
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a bool";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Phrases a wrongly typed value; an object or list of objects reads as a nested block. */
  private static String given(JsonNode value) {
    if (value.isObject() || (value.isArray() && value.size() > 0 && value.get(0).isObject())) {
      return "nested block (" + kind(value) + ") given";
    }
    return kind(value) + " given";
  }

  private static String suggestion(String key, Iterator<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    while (candidates.hasNext()) {
      String candidate = candidates.next();
      int d = dev.bitte.processor.model.Names.distance(key, candidate);
      if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > Math.max(2, key.length() / 4)) {
      return "";
    }
    return " (did you mean \"" + best + "\"?)";
  }
}
