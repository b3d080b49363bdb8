package dev.bitte.processor.model;

/** An IPv4 address as an unsigned 32-bit value. */
public record Ipv4(long value) implements Comparable<Ipv4> {
  public Ipv4 {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("not an IPv4 address: " + value);
    }
  }

  /** Parses dotted quad notation strictly (no leading zeros, four octets 0-255); null if malformed. */
  public static Ipv4 parse(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return null;
      }
      v = (v << 8) | octet;
    }
    return new Ipv4(v);
  }

  public Ipv4 plus(long offset) {
    return new Ipv4(value + offset);
  }

  @Override
  public int compareTo(Ipv4 o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }
}
