package dev.bitte.processor;

import dev.bitte.processor.diag.Diagnostic;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.read.ElementSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Prints the processor's diagnostics through javac's {@link Messager}, on the element, annotation
 * and value they point at, and keeps the compile's warnings per cluster type for the report.
 */
final class Reporter {
  private final Messager messager;
  /** The warnings of this compile by the qualified name of the cluster type they concern. */
  private final Map<String, List<String>> warningsByCluster = new HashMap<>();

  Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Prints every diagnostic and remembers the warnings as concerning {@code cluster}. */
  void report(String cluster, Diagnostics diagnostics) {
    diagnostics.all().forEach(this::print);
    diagnostics.warnings().forEach(d -> warningsByCluster.computeIfAbsent(cluster, k -> new ArrayList<>()).add(d.text()));
  }

  /** The compile's warnings about a fleet and its jobs, in the order they were reported. */
  List<String> warningsOf(FleetPlan plan) {
    return List.copyOf(warningsByCluster.getOrDefault(plan.fleet().javaQualifiedName(), List.of()));
  }

  void print(Diagnostic d) {
    Kind kind = switch (d.severity()) {
      case ERROR -> Kind.ERROR;
      case WARNING -> Kind.WARNING;
      case NOTE -> Kind.NOTE;
    };
    if (d.source() instanceof ElementSource s) {
      if (s.annotation() == null) {
        messager.printMessage(kind, d.text(), s.element());
      } else if (s.value() == null) {
        messager.printMessage(kind, d.text(), s.element(), s.annotation());
      } else {
        messager.printMessage(kind, d.text(), s.element(), s.annotation(), s.value());
      }
    } else {
      messager.printMessage(kind, d.text());
    }
  }

  void note(String text) {
    messager.printMessage(Kind.NOTE, text);
  }

  /** An error of the processor itself (a rule's id in the text), on the element when there is one. */
  void error(String text, Element element) {
    if (element != null) {
      messager.printMessage(Kind.ERROR, text, element);
    } else {
      messager.printMessage(Kind.ERROR, text);
    }
  }

  /** {@code [bitte:internal-error]} with the stack trace, on the element being processed. */
  void internalError(Element element, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String where = element == null ? "" : " while processing " + element;
    error("[" + Rule.INTERNAL_ERROR.id() + "] internal error in the bitte processor" + where + ": " + e
        + "\nPlease report it with this trace:\n" + trace, element);
  }
}
