package dev.bitte.processor.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic JSON: keys sorted, two-space indent, {@code \n} line ends whatever the platform
 * (Jackson's default pretty printer uses the system line separator), a final newline.
 */
public final class Json {
  /**
   * Writing needs only jackson-core's generator; the databind {@code ObjectMapper} (slow to set up
   * in a fresh JVM, which is what a command-line {@code javac} is) is built on first use, for
   * reading and for the rare node kinds written through it.
   */
  private static final class Mapper {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
        .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
  }

  private static final JsonFactory FACTORY = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final DefaultPrettyPrinter PRINTER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter p = new DefaultPrettyPrinter(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
    p.indentObjectsWith(indenter);
    p.indentArraysWith(indenter);
    PRINTER = p;
  }

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Serializes with every object's keys sorted, recursively. */
  public static String write(JsonNode node) {
    // Straight to the generator in key order: copying the tree into sorted nodes first cost a
    // fifth of the Terraform writer's time on large fleets.
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(PRINTER.createInstance());
      writeSorted(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  public static byte[] bytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }

  public static JsonNode read(byte[] json) {
    try {
      return Mapper.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeSorted(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      java.util.List<String> names = new java.util.ArrayList<>(node.size());
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      g.writeStartObject();
      for (String n : names) {
        g.writeFieldName(n);
        writeSorted(g, node.get(n));
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode e : node) {
        writeSorted(g, e);
      }
      g.writeEndArray();
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isInt()) {
      g.writeNumber(node.intValue());
    } else if (node.isLong()) {
      g.writeNumber(node.longValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else if (node.isNull()) {
      g.writeNull();
    } else if (node.isDouble()) {
      // What databind's DoubleNode writes: without it the ObjectMapper would be built, in a
      // fresh JVM a tenth of a second, for the capacity section's percentages.
      g.writeNumber(node.doubleValue());
    } else if (node.isFloat()) {
      g.writeNumber(node.floatValue());
    } else if (node.isBigDecimal()) {
      g.writeNumber(node.decimalValue());
    } else if (node.isBigInteger()) {
      g.writeNumber(node.bigIntegerValue());
    } else {
      Mapper.MAPPER.writeTree(g, node);
    }
  }
}
