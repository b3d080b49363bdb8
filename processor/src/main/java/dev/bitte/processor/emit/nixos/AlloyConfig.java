package dev.bitte.processor.emit.nixos;

/** {@code config/alloy.alloy}: Grafana Alloy shipping the journal to Loki and host metrics to VictoriaMetrics. */
public record AlloyConfig(String cluster, String monitoringIp) {}
