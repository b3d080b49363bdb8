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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks Terraform JSON ({@code *.tf.json}) against the schema of one Terraform provider: AWS
 * ({@link #AWS}, also {@link AwsProviderSchema}) for the cloud workspaces, Vault, Consul and Nomad
 * ({@link #VAULT}, {@link #CONSUL}, {@link #NOMAD}) for the {@code hydrate} workspace.
 *
 * <p>The schema is the compact one that {@code tools/validators/provider-schema.mjs} extracts from
 * the jsii assembly of the provider's prebuilt CDK for Terraform npm package (for AWS
 * {@code @cdktn/provider-aws}, for Vault {@code @cdktf/provider-vault}, ...; generated from the
 * provider's own {@code terraform providers schema -json}). It is cached in {@code
 * tools/validators/node_modules/.cache/bitte/<type>-schema.json} ({@code aws-schema.json},
 * {@code vault-schema.json}, ...) and regenerated here when missing or made from another package
 * version.
 *
 * <p>{@link #check} reports what Terraform itself would reject before asking the provider
 * anything: unknown resource, data source and ephemeral resource types, unknown arguments, missing
 * required arguments and blocks, a nested block where an attribute belongs and the reverse, more
 * than one of a single-item block, values of the wrong kind, and objects of attributes-as-blocks
 * arguments ({@code aws_security_group.ingress}) that lack some of their keys. Only the types of
 * this provider ({@code <type>_*}) and its {@code provider "<type>"} blocks are checked; other
 * providers' are ignored. It does not know the provider's value constraints (ConflictsWith,
 * ExactlyOneOf, enums, regexps), nor which nested attributes of plugin-framework resources are
 * required.
 */
public class ProviderSchema {
  /**
   * A provider whose schema can be loaded: its Terraform type ({@code aws}, the prefix of its
   * resource types and the name of its provider block), the name used in messages, and the npm
   * package whose {@code .jsii} describes it (pinned in {@code tools/validators/package.json}).
   */
  public record Provider(String type, String label, String npmPackage) {
    /** Where this provider's extracted schema is cached. */
    public Path cacheFile() {
      return Tools.validatorsDir().resolve("node_modules/.cache/bitte/" + type + "-schema.json");
    }
  }

  /** hashicorp/aws, from {@code @cdktn/provider-aws}. */
  public static final Provider AWS = new Provider("aws", "AWS", "@cdktn/provider-aws");
  /** hashicorp/vault, from {@code @cdktf/provider-vault}. */
  public static final Provider VAULT = new Provider("vault", "Vault", "@cdktf/provider-vault");
  /** hashicorp/consul, from {@code @cdktf/provider-consul}. */
  public static final Provider CONSUL = new Provider("consul", "Consul", "@cdktf/provider-consul");
  /** hashicorp/nomad, from {@code @cdktf/provider-nomad}. */
  public static final Provider NOMAD = new Provider("nomad", "Nomad", "@cdktf/provider-nomad");

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

  private static final Map<Provider, JsonNode> LOADED = new HashMap<>();

  private final Provider provider;
  private final JsonNode schema;

  /** A checker for {@code provider} with its schema document (the format provider-schema.mjs writes). */
  protected ProviderSchema(Provider provider, JsonNode schema) {
    this.provider = provider;
    this.schema = schema;
  }

  /**
   * The schema of {@code provider}, read once per JVM; extracted first (up to about two seconds
   * for AWS, less than one for the others) if the cache is missing or stale. Missing node packages
   * abort the test (fail it in CI).
   */
  public static ProviderSchema load(Provider provider) {
    return new ProviderSchema(provider, document(provider));
  }

  /** {@code load(VAULT)}. */
  public static ProviderSchema vault() {
    return load(VAULT);
  }

  /** {@code load(CONSUL)}. */
  public static ProviderSchema consul() {
    return load(CONSUL);
  }

  /** {@code load(NOMAD)}. */
  public static ProviderSchema nomad() {
    return load(NOMAD);
  }

  /** Wraps an already loaded schema document of {@code provider}. */
  public static ProviderSchema of(Provider provider, JsonNode schemaDocument) {
    return new ProviderSchema(provider, schemaDocument);
  }

  /** The schema document of {@code provider}, loaded (or extracted) once per JVM. */
  protected static synchronized JsonNode document(Provider provider) {
    JsonNode doc = LOADED.get(provider);
    if (doc == null) {
      doc = readOrGenerate(provider);
      String type = doc.path("source").path("terraform_provider").asText();
      if (!type.endsWith("/" + provider.type())) {
        throw new AssertionError(
            provider.cacheFile() + " describes the provider \"" + type + "\", not " + provider.type());
      }
      LOADED.put(provider, doc);
    }
    return doc;
  }

  private static JsonNode readOrGenerate(Provider provider) {
    Path node = Tools.requireNodeModules();
    Path packageDir = Tools.validatorsDir().resolve("node_modules").resolve(provider.npmPackage());
    Tools.requireTool(
        packageDir + " (npm " + provider.npmPackage() + ")",
        Files.isRegularFile(packageDir.resolve(".jsii")));
    Path file = provider.cacheFile();
    try {
      String expected =
          provider.npmPackage()
              + "@"
              + MAPPER.readTree(packageDir.resolve("package.json").toFile()).path("version").asText();
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
                  Tools.validatorsDir().resolve("provider-schema.mjs").toString(),
                  file.toString(),
                  provider.npmPackage()),
              Tools.validatorsDir(),
              Map.of(),
              Duration.ofMinutes(5));
      if (!result.ok()) {
        throw new AssertionError(
            "provider-schema.mjs " + provider.npmPackage() + " failed:\n" + result.stderr());
      }
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The provider this schema describes. */
  public Provider provider() {
    return provider;
  }

  /** The provider version the schema describes, e.g. "6.66.0" for AWS. */
  public String providerVersion() {
    return schema.path("source").path("terraform_provider_version").asText();
  }

  /** The npm package and version the schema was extracted from, e.g. "@cdktf/provider-vault@15.6.1". */
  public String npmSource() {
    return schema.path("source").path("npm").asText();
  }

  /** The arguments of the {@code provider "<type>"} block. */
  public JsonNode providerBlock() {
    return schema.path("provider");
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
   * there is none. Only this provider's types ({@code aws_*} for AWS) and its {@code provider}
   * blocks are checked.
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
          "Terraform JSON does not fit the "
              + provider.label()
              + " provider "
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
          JsonNode own = block.get(provider.type());
          if (own != null) {
            rootArgs = schema.path("provider");
            String path = "provider." + provider.type();
            for (JsonNode body : elements(own, path)) {
              body(body, rootArgs, path, PROVIDER_META, false);
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
          if (!typeName.startsWith(provider.type() + "_")) {
            continue;
          }
          String typePath = path + "." + typeName;
          JsonNode args = schema.path(schemaKey).get(typeName);
          if (args == null) {
            problems.add(
                typePath
                    + ": unknown "
                    + provider.label()
                    + " "
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
