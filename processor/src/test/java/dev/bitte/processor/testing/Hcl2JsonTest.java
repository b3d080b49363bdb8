package dev.bitte.processor.testing;

import dev.bitte.processor.emit.nomad.HclStrings;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hcl2JsonTest {
  @TempDir Path dir;

  @BeforeAll
  static void requireNode() {
    // Skip (fail in CI) the whole class up front, rather than inside assertThrows.
    Tools.requireNodeModules();
  }

  private static final String JOB =
      """
      job "web" {
        datacenters = ["dc1"]
        type        = "service"

        group "frontend" {
          count = 2

          network {
            port "http" { to = 8080 }
          }

          task "nginx" {
            driver = "docker"
            config {
              image = "nginx:1.25"
              ports = ["http"]
            }
            env {
              GREETING = "hello ${NOMAD_ALLOC_ID}"
            }
            resources {
              cpu    = 200
              memory = 128
            }
          }
        }
      }
      """;

  @Test
  void parsesAValidNomadJob() throws IOException {
    Path file = write("web.nomad.hcl", JOB);
    JsonNode json = Hcl2Json.parse(file);
    JsonNode job = json.at("/job/web/0");
    assertThat(job.at("/datacenters/0").asText()).isEqualTo("dc1");
    JsonNode group = job.at("/group/frontend/0");
    assertThat(group.get("count").asInt()).isEqualTo(2);
    assertThat(group.at("/network/0/port/http/0/to").asInt()).isEqualTo(8080);
    JsonNode task = group.at("/task/nginx/0");
    assertThat(task.get("driver").asText()).isEqualTo("docker");
    assertThat(task.at("/config/0/image").asText()).isEqualTo("nginx:1.25");
    // A real interpolation stays an expression.
    assertThat(task.at("/env/0/GREETING").asText()).isEqualTo("hello ${NOMAD_ALLOC_ID}");
    assertThat(task.at("/resources/0/memory").asInt()).isEqualTo(128);
  }

  @Test
  void rejectsInvalidHclWithFileAndPosition() throws IOException {
    Path file =
        write(
            "broken.nomad.hcl",
            """
            job "web" {
              group "g" {
                count =
              }
            }
            """);
    AssertionError error = assertThrows(AssertionError.class, () -> Hcl2Json.parse(file));
    // hashicorp/hcl's diagnostic: file:line,column-line,column: summary; detail
    assertThat(error).hasMessageThat().containsMatch("broken\\.nomad\\.hcl:3,\\d+-\\d+,\\d+: ");
    assertThat(error).hasMessageThat().contains("Invalid expression");
  }

  @Test
  void rejectsAnUnclosedBlockAndAnUnterminatedString() {
    AssertionError unclosed =
        assertThrows(
            AssertionError.class, () -> Hcl2Json.parseString("unclosed.hcl", "job \"x\" {\n  a = 1\n"));
    assertThat(unclosed).hasMessageThat().contains("unclosed.hcl:");
    AssertionError string =
        assertThrows(
            AssertionError.class, () -> Hcl2Json.parseString("string.hcl", "a = \"one\ntwo\"\n"));
    assertThat(string).hasMessageThat().contains("string.hcl:1,");
  }

  @Test
  void parsesManyFilesInOneRequestAndNamesEveryFailure() throws IOException {
    Path a = write("a.hcl", "a = 1\n");
    Path b = write("b.hcl", "b = [true, null]\n");
    Path c = write("c.hcl", JOB);
    Map<Path, JsonNode> all = Hcl2Json.parseAll(List.of(a, b, c));
    assertThat(all.keySet()).containsExactly(a, b, c).inOrder();
    assertThat(all.get(a).get("a").asInt()).isEqualTo(1);
    assertThat(all.get(b).get("b").get(0).asBoolean()).isTrue();
    assertThat(all.get(b).get("b").get(1).isNull()).isTrue();

    Path bad1 = write("bad1.hcl", "x = \n");
    Path bad2 = write("bad2.hcl", "y = {\n");
    AssertionError error =
        assertThrows(AssertionError.class, () -> Hcl2Json.parseAll(List.of(a, bad1, b, bad2)));
    assertThat(error).hasMessageThat().contains("bad1.hcl:");
    assertThat(error).hasMessageThat().contains("bad2.hcl:");
    // The server survives a failed request.
    assertThat(Hcl2Json.parse(a).get("a").asInt()).isEqualTo(1);
  }

  private static final List<String> HOSTILE =
      List.of(
          "plain",
          "",
          "double \" quote",
          "back\\slash",
          "trailing backslash \\",
          "\\\"",
          "line1\nline2\r\n\tindented",
          "${var.secret}",
          "$${already escaped}",
          "$$${triple}",
          "%{ if true }yes%{ endif }",
          "%%{",
          "100% and $5",
          "lone $ and lone %",
          "ends with $",
          "ends with %",
          "${",
          "\\${not an escape}",
          "{}[]=#//*/ <<EOF",
          "\u0001\u001f\u007f control",
          "unicode é ✓ 日本 😀");

  @Test
  void hostileStringsRoundTripThroughQuote() {
    StringBuilder hcl = new StringBuilder();
    for (int i = 0; i < HOSTILE.size(); i++) {
      hcl.append("v").append(i).append(" = ").append(HclStrings.quote(HOSTILE.get(i))).append('\n');
    }
    // The same values inside a block, as in a Nomad env stanza.
    hcl.append("env {\n");
    for (int i = 0; i < HOSTILE.size(); i++) {
      hcl.append("  V").append(i).append(" = ").append(HclStrings.quote(HOSTILE.get(i))).append('\n');
    }
    hcl.append("}\n");
    JsonNode json = Hcl2Json.parseString("hostile.hcl", hcl.toString());
    for (int i = 0; i < HOSTILE.size(); i++) {
      String value = HOSTILE.get(i);
      for (JsonNode parsed : List.of(json.get("v" + i), json.at("/env/0/V" + i))) {
        assertThat(parsed.isTextual()).isTrue();
        // hcl2json spells literals as Terraform JSON templates: ${ -> $${, %{ -> %%{.
        assertThat(parsed.asText()).isEqualTo(Hcl2Json.templateEscape(value));
        assertThat(Hcl2Json.templateUnescape(parsed.asText())).isEqualTo(value);
      }
    }
  }

  @Test
  void unescapedInterpolationIsAnExpression() {
    // The round trip above can fail: without quote()'s doubling, ${...} is an expression, which
    // hcl2json keeps as source unless it is a constant literal.
    JsonNode json =
        Hcl2Json.parseString(
            "raw.hcl", "a = \"${upper(\"x\")}y\"\nb = \"${1 + 1}\"\nc = \"${\"lit\"}\"\n");
    assertThat(json.get("a").asText()).isEqualTo("${upper(\"x\")}y");
    assertThat(json.get("b").asText()).isEqualTo("${1 + 1}");
    assertThat(json.get("c").asText()).isEqualTo("lit");
    assertThat(HclStrings.quote("${1 + 1}")).isEqualTo("\"$${1 + 1}\"");
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
