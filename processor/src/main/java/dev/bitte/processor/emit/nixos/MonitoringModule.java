package dev.bitte.processor.emit.nixos;

/** {@code modules/monitoring.nix}: VictoriaMetrics, Loki and Grafana with both as data sources. */
public record MonitoringModule(String cluster, String domain) {}
