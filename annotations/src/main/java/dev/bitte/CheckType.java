package dev.bitte;

/** The Consul health check kinds a {@link Check} can be. */
public enum CheckType {
  /** An HTTP GET of {@link Check#path()}; healthy on 2xx. */
  HTTP,
  /** A TCP connect to the port. */
  TCP,
  /** The gRPC health checking protocol. */
  GRPC
}
