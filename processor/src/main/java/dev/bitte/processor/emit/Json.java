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

  /**
   * Serializes with every object's keys sorted, recursively: two-space indent, {@code "key": value},
   * empty containers as {@code { }} and {@code [ ]}, strings escaped as Jackson escapes them
   * (quote, backslash, control characters; {@code \\uXXXX} in upper case), numbers as Java prints them.
   * The bytes are those of Jackson's generator with the pretty printer configured here ({@link
   * #writeWithJackson}, which a test compares against): written by hand because going through the
   * generator's layers for every token was most of the JSON's cost in a fresh JVM, where it runs
   * interpreted.
   */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(4096);
    if (!new Direct(out).value(node, 0)) {
      return writeWithJackson(node);
    }
    return out.append('\n').toString();
  }

  /**
   * Compact JSON with every object's keys sorted, recursively, and no trailing newline: what Go's
   * {@code encoding/json} writes for a map (less its HTML escaping of {@code <>&}), for values that
   * an API hands back re-encoded that way and Terraform compares as strings. Strings, booleans,
   * null and int/long numbers only.
   */
  public static String writeCompact(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    if (!new Direct(out, true).value(node, 0)) {
      throw new IllegalArgumentException("writeCompact: a node kind it does not write in " + node);
    }
    return out.toString();
  }

  /** The same text through Jackson's generator, for node kinds the direct writer does not know. */
  static String writeWithJackson(JsonNode node) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(PRINTER.createInstance());
      writeSorted(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  /** The direct writer; false when it meets a node kind it does not write (POJO, binary). */
  private static final class Direct {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final StringBuilder out;
    private final boolean compact;

    Direct(StringBuilder out) {
      this(out, false);
    }

    Direct(StringBuilder out, boolean compact) {
      this.out = out;
      this.compact = compact;
    }

    boolean value(JsonNode node, int depth) {
      switch (node.getNodeType()) {
        case OBJECT -> {
          int size = node.size();
          if (size == 0) {
            out.append(compact ? "{}" : "{ }");
            return true;
          }
          String[] names = new String[size];
          int k = 0;
          for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names[k++] = it.next();
          }
          java.util.Arrays.sort(names);
          out.append('{');
          for (int i = 0; i < size; i++) {
            if (i > 0) {
              out.append(',');
            }
            indent(depth + 1);
            string(names[i]);
            out.append(compact ? ":" : ": ");
            if (!value(node.get(names[i]), depth + 1)) {
              return false;
            }
          }
          indent(depth);
          out.append('}');
        }
        case ARRAY -> {
          int size = node.size();
          if (size == 0) {
            out.append(compact ? "[]" : "[ ]");
            return true;
          }
          out.append('[');
          for (int i = 0; i < size; i++) {
            if (i > 0) {
              out.append(',');
            }
            indent(depth + 1);
            if (!value(node.get(i), depth + 1)) {
              return false;
            }
          }
          indent(depth);
          out.append(']');
        }
        case STRING -> string(node.textValue());
        case BOOLEAN -> out.append(node.booleanValue());
        case NULL -> out.append("null");
        case NUMBER -> {
          return number(node);
        }
        default -> {
          return false;
        }
      }
      return true;
    }

    private boolean number(JsonNode node) {
      if (compact && !node.isInt() && !node.isLong()) {
        return false; // Go prints other numbers its own way
      }
      if (node.isInt()) {
        out.append(node.intValue());
      } else if (node.isLong()) {
        out.append(node.longValue());
      } else if (node.isDouble() && Double.isFinite(node.doubleValue())) {
        out.append(Double.toString(node.doubleValue()));
      } else if (node.isFloat() && Float.isFinite(node.floatValue())) {
        out.append(Float.toString(node.floatValue()));
      } else if (node.isBigInteger()) {
        out.append(node.bigIntegerValue().toString());
      } else {
        // BigDecimal, short, NaN and infinities: Jackson's rules for those are its own.
        return false;
      }
      return true;
    }

    private void indent(int depth) {
      if (compact) {
        return;
      }
      out.append('\n');
      for (int i = 0; i < depth; i++) {
        out.append("  ");
      }
    }

    private void string(String s) {
      out.append('"');
      int from = 0;
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c != '"' && c != '\\') {
          continue;
        }
        out.append(s, from, i);
        from = i + 1;
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
      }
      out.append(s, from, n).append('"');
    }
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
