package dev.bitte.processor.emit.nixos;

/** {@code modules/routing.nix}: HAProxy terminating TLS for {@code *.<domain>}, backends from Consul DNS. */
public record RoutingModule(String cluster, String domain, String datacenter) {}
