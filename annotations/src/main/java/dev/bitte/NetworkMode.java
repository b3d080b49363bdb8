package dev.bitte;

/** A task group's network mode. */
public enum NetworkMode {
  /** A network namespace per allocation, bridged to the host; required for Consul Connect. */
  BRIDGE,
  /** The host's network namespace. */
  HOST
}
