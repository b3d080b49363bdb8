package dev.bitte.runner;

/**
 * A failure the operator can act on: what failed, why, and what to do next. The CLI prints the
 * three parts and exits with status 2; no stack trace, because the message is the interface.
 */
public class BitteException extends RuntimeException {
  private final String why;
  private final String next;

  public BitteException(String what, String why, String next) {
    super(what);
    this.why = why;
    this.next = next;
  }

  public BitteException(String what, String why, String next, Throwable cause) {
    super(what, cause);
    this.why = why;
    this.next = next;
  }

  public String what() {
    return getMessage();
  }

  public String why() {
    return why;
  }

  public String next() {
    return next;
  }

  /** The text printed for the operator. */
  public String render() {
    StringBuilder b = new StringBuilder("error: ").append(what());
    if (why != null && !why.isEmpty()) {
      b.append("\n  why:  ").append(why);
    }
    if (next != null && !next.isEmpty()) {
      b.append("\n  next: ").append(next);
    }
    return b.toString();
  }
}
