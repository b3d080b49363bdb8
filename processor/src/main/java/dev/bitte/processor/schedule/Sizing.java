package dev.bitte.processor.schedule;

/** Which size of each client group to materialize nodes for. */
public enum Sizing {
  MIN,
  DESIRED,
  MAX
}
