package dev.bitte.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools Protocol with the JDK's own
 * WebSocket client (no Selenium, nothing downloaded). Chromium listens on a port it picks
 * ({@code --remote-debugging-port=0}) and prints it on stderr; every command goes through the
 * browser's socket to a page session ({@code Target.attachToTarget} with {@code flatten}).
 *
 * <p>A page records the network requests it makes and the errors it logs (console errors,
 * uncaught exceptions, browser log entries such as a Content-Security-Policy violation), so a
 * test can assert that a page loaded nothing but itself and logged nothing.
 *
 * <p>{@link #start()} requires {@code chromium} on PATH through {@link Tools#requireTool}: a
 * missing browser skips the test locally and fails it in CI.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, Consumer<JsonNode>> sessions = new ConcurrentHashMap<>();
  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

  private HeadlessChromium(Process process, Path profile, String url) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(TIMEOUT)
        .buildAsync(URI.create(url), new Listener())
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts a fresh browser with an empty profile in a temporary directory. */
  public static HeadlessChromium start() {
    Path chromium = Tools.requireTool("chromium");
    try {
      Path profile = Files.createTempDirectory("bitte-chromium-");
      ProcessBuilder builder = new ProcessBuilder(List.of(chromium.toString(),
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
          "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
          "--user-data-dir=" + profile, "about:blank"));
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> url = new CompletableFuture<>();
      List<String> early = Collections.synchronizedList(new ArrayList<>());
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            early.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
              url.complete(m.group(1));
            }
          }
        } catch (IOException e) {
          url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("chromium exited before listening:\n" + String.join("\n", early)));
      }, "chromium-stderr");
      reader.setDaemon(true);
      reader.start();
      String ws;
      try {
        ws = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not start within " + TIMEOUT + ":\n" + String.join("\n", early));
      }
      return new HeadlessChromium(process, profile, ws);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException e) {
      throw new AssertionError("cannot start chromium: " + e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("cannot start chromium: " + e, e);
    }
  }

  /** Sends one command (to a page session, or to the browser when {@code session} is null). */
  JsonNode send(String session, String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (answer.has("error")) {
        throw new AssertionError(method + " failed: " + answer.get("error"));
      }
      return answer.path("result");
    } catch (TimeoutException e) {
      throw new AssertionError(method + " got no answer within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError(method + " failed", e.getCause());
    } finally {
      pending.remove(id);
    }
  }

  /** Opens {@code file} in a new tab with the given viewport and waits for its load event. */
  public Page open(Path file, int width, int height) {
    String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
    Page page = new Page(session, file.toUri().toString());
    sessions.put(session, page::event);
    send(session, "Page.enable", Map.of());
    send(session, "Network.enable", Map.of());
    send(session, "Runtime.enable", Map.of());
    send(session, "Log.enable", Map.of());
    send(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    page.navigate();
    return page;
  }

  /** One tab, with what it requested and logged since it was opened. */
  public final class Page {
    private final String session;
    private final String url;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch loaded = new CountDownLatch(1);

    private Page(String session, String url) {
      this.session = session;
      this.url = url;
    }

    public String url() {
      return url;
    }

    private void navigate() {
      JsonNode r = send(session, "Page.navigate", Map.of("url", url));
      if (r.hasNonNull("errorText")) {
        throw new AssertionError("cannot open " + url + ": " + r.get("errorText").asText());
      }
      try {
        if (!loaded.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          throw new AssertionError(url + " did not finish loading within " + TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    private void event(JsonNode message) {
      String method = message.path("method").asText();
      JsonNode p = message.path("params");
      switch (method) {
        case "Page.loadEventFired" -> loaded.countDown();
        case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
        case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
            errors.add("console." + type + ": " + p.path("args"));
          }
        }
        case "Log.entryAdded" -> {
          String level = p.path("entry").path("level").asText();
          if (level.equals("error") || level.equals("warning")) {
            errors.add("log " + level + ": " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    }

    /** Every URL the page requested, in order (the page itself first). */
    public List<String> requests() {
      return List.copyOf(requests);
    }

    /** Console errors and warnings, uncaught exceptions and browser log errors, in order. */
    public List<String> errors() {
      return List.copyOf(errors);
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
    public JsonNode evaluate(String expression) {
      JsonNode r = send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
      if (r.has("exceptionDetails")) {
        throw new AssertionError("script failed: " + r.get("exceptionDetails"));
      }
      return r.path("result").path("value");
    }

    /** A PNG of the whole page (or its first {@code maxHeight} pixels), at 1 CSS pixel per pixel. */
    public byte[] screenshot(int maxHeight) {
      return screenshot(0, maxHeight);
    }

    /** A PNG of the page from {@code top} down, at most {@code maxHeight} CSS pixels high. */
    public byte[] screenshot(double top, int maxHeight) {
      JsonNode metrics = send(session, "Page.getLayoutMetrics", Map.of());
      JsonNode size = metrics.path("cssContentSize");
      double w = size.path("width").asDouble();
      double h = Math.min(size.path("height").asDouble() - top, maxHeight);
      JsonNode r = send(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
          "clip", Map.of("x", 0, "y", top, "width", w, "height", h, "scale", 1)));
      return Base64.getDecoder().decode(r.get("data").asText());
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(message.get("id").asInt());
            if (f != null) {
              f.complete(message);
            }
          } else if (message.has("sessionId")) {
            Consumer<JsonNode> page = sessions.get(message.get("sessionId").asText());
            if (page != null) {
              page.accept(message);
            }
          }
        } catch (IOException e) {
          stderr.add("unreadable DevTools message: " + e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      failPending(new IllegalStateException("DevTools socket closed: " + status + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      failPending(error);
    }

    private void failPending(Throwable why) {
      pending.values().forEach(f -> f.completeExceptionally(why));
    }
  }

  @Override
  public void close() {
    try {
      send(null, "Browser.close", Map.of());
    } catch (AssertionError ignored) {
      // the browser may close the socket before it answers
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    socket.abort();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary profile is harmless
    }
  }
}
