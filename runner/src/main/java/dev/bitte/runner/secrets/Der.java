package dev.bitte.runner.secrets;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The handful of DER (X.690) encodings an X.509 certificate needs. Hand-written instead of a
 * BouncyCastle dependency: a certificate is ~15 element types, and the JDK's CertificateFactory
 * (strict DER) checks every byte we write in the tests.
 */
final class Der {
  private Der() {}

  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      body.writeBytes(p);
    }
    byte[] content = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      byte[] l = BigInteger.valueOf(len).toByteArray();
      int start = l[0] == 0 ? 1 : 0;
      out.write(0x80 | (l.length - start));
      out.write(l, start, l.length - start);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(0x30, parts);
  }

  static byte[] set(byte[]... parts) {
    return tlv(0x31, parts);
  }

  static byte[] integer(BigInteger v) {
    return tlv(0x02, v.toByteArray());
  }

  static byte[] bool(boolean v) {
    return tlv(0x01, new byte[] {(byte) (v ? 0xFF : 0x00)});
  }

  static byte[] octetString(byte[] v) {
    return tlv(0x04, v);
  }

  static byte[] bitString(byte[] v) {
    byte[] withPad = new byte[v.length + 1];
    System.arraycopy(v, 0, withPad, 1, v.length);
    return tlv(0x03, withPad);
  }

  /** A named-bit list (KeyUsage): bit 0 is the most significant bit; trailing zero bits dropped (DER). */
  static byte[] namedBits(int... bits) {
    int max = 0;
    for (int b : bits) {
      max = Math.max(max, b);
    }
    byte[] v = new byte[max / 8 + 1];
    for (int b : bits) {
      v[b / 8] |= (byte) (0x80 >> (b % 8));
    }
    int unused = 7 - (max % 8);
    byte[] content = new byte[v.length + 1];
    content[0] = (byte) unused;
    System.arraycopy(v, 0, content, 1, v.length);
    return tlv(0x03, content);
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long v = Long.parseLong(parts[i]);
      byte[] tmp = new byte[10];
      int n = 0;
      do {
        tmp[n++] = (byte) (v & 0x7F);
        v >>>= 7;
      } while (v > 0);
      for (int j = n - 1; j >= 0; j--) {
        out.write(tmp[j] | (j > 0 ? 0x80 : 0));
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  static byte[] utf8(String s) {
    return tlv(0x0C, s.getBytes(StandardCharsets.UTF_8));
  }

  /** UTCTime before 2050, GeneralizedTime from 2050 on (RFC 5280 4.1.2.5). */
  static byte[] time(ZonedDateTime t) {
    ZonedDateTime utc = t.withZoneSameInstant(ZoneOffset.UTC);
    if (utc.getYear() < 2050) {
      return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).format(utc).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'", Locale.ROOT).format(utc).getBytes(StandardCharsets.US_ASCII));
  }

  /** A context-specific explicit tag [n] around a constructed value. */
  static byte[] explicit(int n, byte[] inner) {
    return tlv(0xA0 | n, inner);
  }

  /** A context-specific implicit primitive tag [n] (GeneralName's dNSName [2], iPAddress [7]). */
  static byte[] implicitPrimitive(int n, byte[] content) {
    return tlv(0x80 | n, content);
  }
}
