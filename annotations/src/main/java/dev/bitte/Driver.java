package dev.bitte;

/** The Nomad task drivers Bitte knows how to configure and check. */
public enum Driver {
  /** Docker: needs {@link Task#image()}. */
  DOCKER,
  /** Isolated fork/exec: needs {@link Task#command()}. */
  EXEC,
  /** Unisolated fork/exec (must be enabled on clients): needs {@link Task#command()}. */
  RAW_EXEC,
  /** A JVM: needs {@link Task#jar()}. */
  JAVA
}
