package dev.bitte.runner.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.runner.BitteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Which apply steps of the current run succeeded, for the manifest they ran against. A rerun of
 * {@code bitte apply} continues at the first step not marked ok; a new manifest (a rebuilt fleet)
 * or a finished run starts over from the first step.
 */
public final class Journal {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String RUNNING = "running";
  /** Undone by {@code bitte destroy}: not ok, so the next apply runs the step again. */
  public static final String DESTROYED = "destroyed";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private ObjectNode root;

  private Journal(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  public static Journal load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new Journal(file, JSON.createObjectNode());
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return new Journal(file, n instanceof ObjectNode o ? o : JSON.createObjectNode());
    } catch (IOException e) {
      throw new BitteException("cannot read the journal " + file, e.getMessage(), "delete it to start the apply from the first step");
    }
  }

  public boolean exists() {
    return root.has("manifestSha256");
  }

  public String manifestSha256() {
    return root.path("manifestSha256").asText("");
  }

  public String status(String step) {
    return root.path("steps").path(step).path("status").asText("");
  }

  public String log(String step) {
    return root.path("steps").path(step).path("log").asText("");
  }

  public boolean complete(List<String> steps) {
    return steps.stream().allMatch(s -> OK.equals(status(s)));
  }

  /** The first step of {@code order} that is not ok; null when all are. */
  public String resumePoint(List<String> order) {
    return order.stream().filter(s -> !OK.equals(status(s))).findFirst().orElse(null);
  }

  /** Starts a new run against a manifest (forgets earlier steps). */
  public void startRun(String manifestSha256) {
    root = JSON.createObjectNode();
    root.put("manifestSha256", manifestSha256);
    root.put("started", Instant.now().toString());
    root.putObject("steps");
    save();
  }

  public void mark(String step, String status, long millis, String log) {
    ObjectNode steps = root.has("steps") ? (ObjectNode) root.get("steps") : root.putObject("steps");
    ObjectNode s = steps.putObject(step);
    s.put("status", status);
    s.put("at", Instant.now().toString());
    s.put("millis", millis);
    if (log != null) {
      s.put("log", log);
    }
    save();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BitteException("cannot write the journal " + file, e.getMessage(), "check the permissions of the state folder");
    }
  }
}
