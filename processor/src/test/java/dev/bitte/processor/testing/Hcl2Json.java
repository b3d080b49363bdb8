package dev.bitte.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parses HCL (Nomad job files and the like) with HashiCorp's own HCL2 parser, compiled to wasm
 * in the npm package {@code @cdktf/hcl2json}, through {@code tools/validators/hcl2json.mjs}.
 *
 * <p>One node process is started on first use and kept for the rest of the JVM ({@code
 * hcl2json.mjs --serve}), so each call costs milliseconds rather than node's start-up. Pass many
 * files to {@link #parseAll} to parse them in one request.
 *
 * <p>The JSON is hcl2json's: every block body is an array of objects ({@code job "x" {...}} gives
 * {@code {"job": {"x": [{...}]}}}), literal strings are evaluated but re-escaped as Terraform JSON
 * templates (a literal {@code ${} comes back as {@code $${}, see {@link HclStrings#templateEscape}),
 * and a non-constant expression comes back as its source wrapped in {@code ${...}}.
 */
public final class Hcl2Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static Server server;

  private Hcl2Json() {}

  /** Parses one file; a parse error is an AssertionError carrying the parser's diagnostics. */
  public static JsonNode parse(Path hclFile) {
    Path key = hclFile.toAbsolutePath().normalize();
    return parseAll(List.of(key)).get(key);
  }

  /**
   * Parses HCL text given as a string; {@code fileName} (a plain name such as {@code web.nomad})
   * is what the parser's messages will call it.
   */
  public static JsonNode parseString(String fileName, String hcl) {
    try {
      Path dir = Files.createTempDirectory("hcl2json");
      Path file = dir.resolve(fileName);
      Files.writeString(file, hcl, StandardCharsets.UTF_8);
      try {
        return parse(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses many files in one request. The result maps each file's absolute, normalized path to its
   * JSON, in the order given. If any file fails, the AssertionError lists every failing file's
   * diagnostics.
   */
  public static Map<Path, JsonNode> parseAll(Collection<Path> hclFiles) {
    Map<String, Path> byName = new LinkedHashMap<>();
    for (Path file : hclFiles) {
      Path absolute = file.toAbsolutePath().normalize();
      byName.put(absolute.toString(), absolute);
    }
    Map<Path, JsonNode> result = new LinkedHashMap<>();
    if (byName.isEmpty()) {
      return result;
    }
    JsonNode answer = request(byName.keySet());
    JsonNode errors = answer.get("errors");
    if (errors != null && !errors.isEmpty()) {
      StringBuilder message = new StringBuilder("HCL parse error (hashicorp/hcl via hcl2json):");
      errors.fields().forEachRemaining(e -> message.append("\n  ").append(e.getValue().asText()));
      throw new AssertionError(message.toString());
    }
    JsonNode parsed = answer.get("result");
    for (Map.Entry<String, Path> entry : byName.entrySet()) {
      JsonNode json = parsed == null ? null : parsed.get(entry.getKey());
      if (json == null) {
        throw new AssertionError("hcl2json returned nothing for " + entry.getKey() + ": " + answer);
      }
      result.put(entry.getValue(), json);
    }
    return result;
  }

  private static synchronized JsonNode request(Collection<String> files) {
    if (server == null || !server.process.isAlive()) {
      server = Server.start();
    }
    Server current = server;
    try {
      return current.request(files);
    } catch (RuntimeException | Error e) {
      // Never reuse a process in an unknown state.
      current.close();
      server = null;
      throw e;
    }
  }

  /** The long-running {@code node hcl2json.mjs --serve}. */
  private static final class Server {
    final Process process;
    final Writer stdin;
    final BufferedReader stdout;
    final CompletableFuture<String> stderr;
    long nextId = 1;

    private Server(Process process) {
      this.process = process;
      this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      this.stdout =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.stderr = Tools.drain(process.getErrorStream());
    }

    static Server start() {
      Path node = Tools.requireNodeModules();
      Path script = Tools.validatorsDir().resolve("hcl2json.mjs");
      ProcessBuilder builder =
          new ProcessBuilder(node.toString(), script.toString(), "--serve")
              .directory(Tools.validatorsDir().toFile());
      try {
        Server started = new Server(builder.start());
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "hcl2json-shutdown"));
        return started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + builder.command(), e);
      }
    }

    JsonNode request(Collection<String> files) {
      long id = nextId++;
      ObjectNode request = MAPPER.createObjectNode().put("id", id);
      ArrayNode list = request.putArray("files");
      files.forEach(list::add);
      try {
        stdin.write(MAPPER.writeValueAsString(request));
        stdin.write('\n');
        stdin.flush();
      } catch (IOException e) {
        throw died("cannot write to it: " + e);
      }
      CompletableFuture<String> line =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return stdout.readLine();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      String text;
      try {
        text = line.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw died("no answer within " + TIMEOUT);
      } catch (ExecutionException e) {
        throw died("cannot read from it: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw died("interrupted");
      }
      if (text == null) {
        throw died("it exited");
      }
      JsonNode answer;
      try {
        answer = MAPPER.readTree(text);
      } catch (IOException e) {
        throw died("unreadable answer " + text);
      }
      if (answer.path("id").asLong() != id) {
        throw died("answer for the wrong request: " + text);
      }
      return answer;
    }

    private AssertionError died(String what) {
      close();
      String err = "";
      try {
        err = stderr.get(2, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // nothing more to report
      }
      return new AssertionError("hcl2json.mjs --serve failed: " + what + "\n" + err);
    }

    void close() {
      try {
        stdin.close();
      } catch (IOException ignored) {
        // already gone
      }
      try {
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * How hcl2json (and Terraform's JSON syntax) spells a literal string: {@code ${} as {@code $${}
   * and {@code %{} as {@code %%{}, since every JSON string is read as a template again.
   */
  public static String templateEscape(String literal) {
    return literal.replace("${", "$${").replace("%{", "%%{");
  }

  /** The literal value of a template string that has no interpolation: the reverse of {@link #templateEscape}. */
  public static String templateUnescape(String template) {
    return template.replace("$${", "${").replace("%%{", "%{");
  }
}
