package dev.bitte;

/** A CPU architecture, as Nomad fingerprints it in {@code ${attr.cpu.arch}}. */
public enum Arch {
  /** 64-bit x86 ({@code amd64} for Nomad, {@code x86_64-linux} for Nix). */
  X86_64,
  /** 64-bit ARM, e.g. Graviton ({@code arm64} for Nomad, {@code aarch64-linux} for Nix). */
  ARM64
}
