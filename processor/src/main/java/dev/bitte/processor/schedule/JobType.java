package dev.bitte.processor.schedule;

/** Nomad's job types: which scheduler places them. */
public enum JobType {
  SERVICE,
  BATCH,
  SYSTEM,
  SYSBATCH;

  /** System and sysbatch jobs run one allocation on every eligible node. */
  public boolean isSystem() {
    return this == SYSTEM || this == SYSBATCH;
  }
}
