package dev.bitte.processor.schedule;

/**
 * A change that would make a group's allocations fit, found by re-planning.
 *
 * @param group the client group to grow ({@link Kind#RAISE_DESIRED}), else empty
 * @param value the new desired size, or the new count ({@link Kind#LOWER_COUNT})
 * @param message one line for a diagnostic, e.g. {@code raise desired of group clients-eu to 5}
 */
public record Suggestion(PlacementRequest request, Kind kind, String group, int value, String message) {
  public enum Kind {
    /** Growing one client group to {@code value} nodes places every allocation of the request. */
    RAISE_DESIRED,
    /** Asking for {@code value} allocations instead fits the fleet as it is. */
    LOWER_COUNT,
    /** No client group can run even one allocation: only a constraint or resource change helps. */
    NO_GROUP_FITS
  }
}
