package dev.bitte.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.emit.Templates;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.lang.model.element.Modifier;

/**
 * First use of the output libraries, on a background thread, while javac and the processor's
 * first round run on the main one.
 *
 * <p>A command-line or Maven build runs the processor in a fresh JVM (or a fresh class loader), so
 * every library is loaded, verified and initialized during the compile: FreeMarker's configuration
 * and first template parse alone took about 230 ms there, Jackson's writer and the first sha256
 * about 100 ms, JavaPoet's first file about 100 ms (see docs/benchmarks.md). Started on the first
 * round that holds a Bitte type, this thread does that work while the main thread reads, validates
 * and plans; the main thread waits for it before its own first use of each library, so no class is
 * ever initialized by both threads at once (two threads initializing classes that refer to each
 * other can deadlock). The thread writes nothing and its results are thrown away: the output is
 * the same with or without it. A failure here is ignored: the main thread then meets it itself,
 * with the usual diagnostics.
 */
final class Warmup {
  /** {@code -Abitte.warmup=false} turns it off (to compare, or to rule it out). */
  static final String OPTION = "bitte.warmup";

  private final CountDownLatch javaPoet = new CountDownLatch(1);
  private final CountDownLatch libraries = new CountDownLatch(1);

  private Warmup() {}

  /** Starts the warm-up thread (a daemon: it never keeps a JVM alive). */
  static Warmup start() {
    Warmup w = new Warmup();
    Thread t = new Thread(w::run, "bitte-warmup");
    t.setDaemon(true);
    t.start();
    return w;
  }

  /** Waits until JavaPoet is loaded (before the Fleet class is written). */
  void awaitJavaPoet() {
    await(javaPoet);
  }

  /** Waits until every library is loaded (before artifacts are rendered). */
  void awaitLibraries() {
    await(javaPoet);
    await(libraries);
  }

  private static void await(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      javaPoet();
    } catch (RuntimeException | LinkageError e) {
      // Ignored: see the class comment.
    } finally {
      javaPoet.countDown();
    }
    try {
      Templates.warmUp();
      var node = Json.object();
      node.put("name", "warm-up").put("count", 1).put("share", 0.5).put("on", true);
      node.putArray("items").add("a").addObject().put("b", 2L);
      Artifacts.sha256(Json.bytes(node));
      new String(Json.bytes(node), StandardCharsets.UTF_8).lines().count();
    } catch (RuntimeException | LinkageError e) {
      // Ignored: see the class comment.
    } finally {
      libraries.countDown();
    }
  }

  /** The kinds of spec {@code FleetClassWriter} builds, written to a string. */
  private static void javaPoet() {
    ClassName list = ClassName.get("java.util", "List");
    TypeSpec type = TypeSpec.classBuilder("WarmUp")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", "warm-up").build())
        .addField(FieldSpec.builder(ParameterizedTypeName.get(list, ClassName.get(String.class)), "NAMES",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer("$T.of($S, $S)", list, "a", "b").build())
        .addMethod(MethodSpec.methodBuilder("names").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(ParameterizedTypeName.get(list, ClassName.get(String.class)))
            .addCode(CodeBlock.builder().addStatement("return $L", "NAMES").build()).build())
        .build();
    JavaFile.builder("warm.up", type).build().toString();
    List.of(type).size();
  }
}
