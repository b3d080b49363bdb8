package dev.bitte.processor.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects findings; validators add to it and never throw. Printed once by the processor.
 * Suppressed warnings (and the suppressible errors) are dropped here, in one place.
 */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();
  private int errors;

  public void error(Rule rule, Source source, String message) {
    add(rule, Severity.ERROR, source, message);
  }

  public void warning(Rule rule, Source source, String message) {
    add(rule, Severity.WARNING, source, message);
  }

  public void add(Rule rule, Severity severity, Source source, String message) {
    if ((severity != Severity.ERROR || rule.suppressible()) && source.suppresses(rule)) {
      return;
    }
    all.add(new Diagnostic(rule, severity, source, message));
    if (severity == Severity.ERROR) {
      errors++;
    }
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public int errorCount() {
    return errors;
  }

  public List<Diagnostic> all() {
    return List.copyOf(all);
  }

  public List<Diagnostic> warnings() {
    return all.stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }
}
