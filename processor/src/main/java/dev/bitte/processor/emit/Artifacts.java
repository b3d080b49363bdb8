package dev.bitte.processor.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of one cluster, by path relative to {@code bitte/<cluster>/}, rendered in memory so
 * the manifest can list every file's sha256 before anything is written (and nothing is
 * half-written when a writer fails). Text is UTF-8 with {@code \n} line ends.
 */
public final class Artifacts {
  private final SortedMap<String, byte[]> files = new TreeMap<>();

  public void put(String path, byte[] content) {
    if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException("artifact path must be relative and normalized: " + path);
    }
    if (files.putIfAbsent(path, content) != null) {
      throw new IllegalStateException("two writers produced " + path);
    }
  }

  public void putText(String path, String text) {
    if (text.indexOf('\r') >= 0) {
      text = text.replace("\r\n", "\n");
    }
    put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public SortedMap<String, byte[]> files() {
    return java.util.Collections.unmodifiableSortedMap(files);
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** path → sha256, sorted. */
  public SortedMap<String, String> digests() {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      out.put(e.getKey(), sha256(e.getValue()));
    }
    return out;
  }
}
