package dev.bitte.processor.emit;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer gives exactly the bytes of Jackson's generator, for any tree. */
class JsonTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void layoutIsSortedKeysTwoSpacesAndSpacedEmptyContainers() {
    ObjectNode o = Json.object();
    o.put("b", 1);
    o.putObject("a").putArray("empty");
    o.putObject("c");
    o.putArray("d").add("x").add(true).addNull();
    assertThat(Json.write(o)).isEqualTo("{\n  \"a\": {\n    \"empty\": [ ]\n  },\n  \"b\": 1,\n  \"c\": { },\n"
        + "  \"d\": [\n    \"x\",\n    true,\n    null\n  ]\n}\n");
    assertThat(Json.write(o)).isEqualTo(Json.writeWithJackson(o));
  }

  @Test
  void everyEscapeMatchesJackson() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x100; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029\uD83D\uDE00\uFFFF \\\" ${x} %{y} </script>");
    ObjectNode o = Json.object();
    o.put(all.toString(), all.toString());
    assertThat(Json.write(o)).isEqualTo(Json.writeWithJackson(o));
    assertThat(Json.write(o)).contains("\\u001F");
    assertThat(Json.write(o)).contains("\\b\\t\\n\\u000B\\f\\r");
  }

  @Test
  void numbersMatchJacksonAndOddKindsFallBackToIt() {
    ArrayNode a = Json.array();
    a.add(0).add(-7).add(Integer.MAX_VALUE).add(Long.MIN_VALUE).add(12.5).add(-0.0).add(1e-7).add(1e21).add(3.0f)
        .add(new BigInteger("123456789012345678901234567890"));
    assertThat(Json.write(a)).isEqualTo(Json.writeWithJackson(a));
    for (JsonNode odd : new JsonNode[] {F.numberNode(Double.NaN), F.numberNode(Double.POSITIVE_INFINITY), F.numberNode(new BigDecimal("1.50")),
        F.numberNode((short) 3), F.binaryNode(new byte[] {1, 2, 3}), F.pojoNode(java.util.List.of("p"))}) {
      ArrayNode holder = Json.array().add(odd);
      assertWithMessage(odd.getNodeType() + " " + odd).that(Json.write(holder)).isEqualTo(Json.writeWithJackson(holder));
    }
  }

  @Test
  void randomTreesMatchJackson() {
    Random random = new Random(20261130);
    for (int i = 0; i < 400; i++) {
      JsonNode tree = random(random, 0);
      assertWithMessage("tree " + i).that(Json.write(tree)).isEqualTo(Json.writeWithJackson(tree));
    }
  }

  @Test
  void compactIsSortedWithoutSpacesAndReadsBackAsTheSameTree() throws Exception {
    ObjectNode o = Json.object();
    o.put("b", 1);
    o.putArray("a").add("x").add(true).addNull();
    o.putObject("c");
    o.putArray("d");
    o.putObject("e").put("z", 2L).put("y", "q\"\n");
    assertThat(Json.writeCompact(o)).isEqualTo("{\"a\":[\"x\",true,null],\"b\":1,\"c\":{},\"d\":[],\"e\":{\"y\":\"q\\\"\\n\",\"z\":2}}");
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    Random random = new Random(7);
    int written = 0;
    for (int i = 0; i < 200; i++) {
      JsonNode tree = random(random, 0);
      String text;
      try {
        text = Json.writeCompact(tree);
      } catch (IllegalArgumentException e) {
        continue; // a double somewhere: Go prints those its own way, so compact refuses them
      }
      written++;
      assertWithMessage("tree " + i).that(text).doesNotContain("\n");
      assertWithMessage("tree " + i).that(mapper.readTree(text)).isEqualTo(tree);
    }
    assertThat(written).isGreaterThan(50);
  }

  @Test
  void compactRefusesNumbersGoWouldPrintDifferently() {
    ArrayNode a = Json.array();
    a.add(1.5);
    try {
      Json.writeCompact(a);
      throw new AssertionError("a double was written");
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageThat().contains("writeCompact");
    }
  }

  private static JsonNode random(Random r, int depth) {
    int kind = depth > 4 ? 2 + r.nextInt(5) : r.nextInt(7);
    switch (kind) {
      case 0 -> {
        ObjectNode o = Json.object();
        for (int i = r.nextInt(5); i > 0; i--) {
          o.set(string(r), random(r, depth + 1));
        }
        return o;
      }
      case 1 -> {
        ArrayNode a = Json.array();
        for (int i = r.nextInt(5); i > 0; i--) {
          a.add(random(r, depth + 1));
        }
        return a;
      }
      case 2 -> {
        return F.textNode(string(r));
      }
      case 3 -> {
        return r.nextBoolean() ? F.numberNode(r.nextInt()) : F.numberNode(r.nextLong());
      }
      case 4 -> {
        return F.numberNode(r.nextBoolean() ? r.nextDouble() * 1e6 : Double.longBitsToDouble(r.nextLong()));
      }
      case 5 -> {
        return F.booleanNode(r.nextBoolean());
      }
      default -> {
        return F.nullNode();
      }
    }
  }

  private static String string(Random r) {
    String alphabet = "ab Z09\"\\/\n\t\r\u0000\u001f\u007f\u00e9\u2028\uD83D\uDE00${}%";
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(12); i > 0; i--) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
