package dev.bitte.processor.model;

/** An IPv4 network: a base address with its host bits zero, and a prefix length. */
public record Cidr(Ipv4 base, int prefix) implements Comparable<Cidr> {
  public static final Cidr ANYWHERE = new Cidr(new Ipv4(0), 0);

  public Cidr {
    if (prefix < 0 || prefix > 32 || (base.value() & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("not a network: " + base + "/" + prefix);
    }
  }

  /** Parses {@code a.b.c.d/n}; null when malformed or when host bits are set. */
  public static Cidr parse(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    Ipv4 ip = Ipv4.parse(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (ip == null || bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)
        || (bits.length() > 1 && bits.charAt(0) == '0')) {
      return null;
    }
    int prefix = Integer.parseInt(bits);
    if (prefix > 32 || (ip.value() & ~mask(prefix)) != 0) {
      return null;
    }
    return new Cidr(ip, prefix);
  }

  /** The network of {@code address/prefix} with host bits cleared, for hints. */
  public static Cidr containing(Ipv4 address, int prefix) {
    return new Cidr(new Ipv4(address.value() & mask(prefix)), prefix);
  }

  static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public Ipv4 last() {
    return base.plus(size() - 1);
  }

  public boolean contains(Ipv4 ip) {
    return (ip.value() & mask(prefix)) == base.value();
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && contains(other.base);
  }

  public boolean overlaps(Cidr other) {
    return contains(other.base) || other.contains(base);
  }

  /** The {@code index}-th sub-network of the given (longer) prefix. */
  public Cidr subnet(int newPrefix, long index) {
    if (newPrefix < prefix || index < 0 || index >= (1L << (newPrefix - prefix))) {
      throw new IllegalArgumentException(this + " has no subnet /" + newPrefix + " #" + index);
    }
    return new Cidr(base.plus(index << (32 - newPrefix)), newPrefix);
  }

  /** Whether the network lies in RFC 1918 private space. */
  public boolean isPrivate() {
    return Cidr.parse("10.0.0.0/8").contains(this)
        || Cidr.parse("172.16.0.0/12").contains(this)
        || Cidr.parse("192.168.0.0/16").contains(this);
  }

  @Override
  public int compareTo(Cidr o) {
    int c = base.compareTo(o.base);
    return c != 0 ? c : Integer.compare(prefix, o.prefix);
  }

  @Override
  public String toString() {
    return base + "/" + prefix;
  }
}
