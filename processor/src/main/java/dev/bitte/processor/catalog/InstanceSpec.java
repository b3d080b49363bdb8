package dev.bitte.processor.catalog;

/**
 * An EC2 instance type's capacity.
 *
 * @param arch {@code x86_64} or {@code arm64}
 * @param clockMhz sustained all-core clock per vCPU
 */
public record InstanceSpec(String name, int vcpus, int memoryMib, String arch, int clockMhz) {
  /** CPU as Nomad counts it: vCPUs × clock, in MHz. */
  public int cpuMhz() {
    return vcpus * clockMhz;
  }

  /** Nomad's {@code attr.cpu.arch} value. */
  public String nomadArch() {
    return "arm64".equals(arch) ? "arm64" : "amd64";
  }

  /** The Nix system string. */
  public String nixSystem() {
    return "arm64".equals(arch) ? "aarch64-linux" : "x86_64-linux";
  }
}
