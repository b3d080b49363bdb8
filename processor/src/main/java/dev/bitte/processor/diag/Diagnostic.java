package dev.bitte.processor.diag;

/** One finding: a rule broken at a source, with a message that says what and how to fix it. */
public record Diagnostic(Rule rule, Severity severity, Source source, String message) {
  /** The text as the compiler shows it: {@code [bitte:core-quorum] ...}. */
  public String text() {
    return "[" + rule.id() + "] " + message;
  }
}
