package dev.bitte.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Keeps javac's output in memory. Class files and resources are only counted (their bytes are
 * dropped, so the harness itself holds no artifact in the heap it measures); generated Java
 * sources are kept, because javac reads them back to compile them.
 */
final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
  /** Bytes written per output path (relative to the class output). */
  final Map<String, Long> written = new TreeMap<>();

  /** Where resources under {@code bitte/} and {@code META-INF/} go when not kept in memory; null: memory. */
  private final java.nio.file.Path disk;

  MemoryFileManager(StandardJavaFileManager delegate) {
    this(delegate, null);
  }

  /**
   * With {@code disk}, resources under {@code bitte/} and {@code META-INF/} are files under it, with
   * {@code file:} URIs, as in a real build: the processor then writes its artifacts straight to
   * the directory, as it does under Maven. Class files and sources stay in memory.
   */
  MemoryFileManager(StandardJavaFileManager delegate, java.nio.file.Path disk) {
    super(delegate);
    this.disk = disk;
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
    String path = className.replace('.', '/') + kind.extension;
    return new Output(path, kind, kind == JavaFileObject.Kind.SOURCE);
  }

  @Override
  public FileObject getFileForOutput(Location location, String packageName, String relativeName, FileObject sibling) {
    String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + relativeName;
    if (disk != null && (path.startsWith("bitte/") || path.startsWith("META-INF/"))) {
      return new DiskOutput(path, disk.resolve(path));
    }
    return new Output(path, JavaFileObject.Kind.OTHER, false);
  }

  /** Adds the files now under the disk directory to {@link #written} (the directory stays; the harness deletes it later). */
  void collectDisk() throws IOException {
    if (disk == null || !java.nio.file.Files.isDirectory(disk)) {
      return;
    }
    try (var walk = java.nio.file.Files.walk(disk)) {
      for (java.nio.file.Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
        written.put(disk.relativize(p).toString().replace('\\', '/'), java.nio.file.Files.size(p));
      }
    }
  }

  /** A resource on disk (written through the Filer when the processor uses it). */
  private final class DiskOutput extends SimpleJavaFileObject implements Named {
    private final String path;
    private final java.nio.file.Path file;

    DiskOutput(String path, java.nio.file.Path file) {
      super(file.toUri(), Kind.OTHER);
      this.path = path;
      this.file = file;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public OutputStream openOutputStream() throws IOException {
      java.nio.file.Files.createDirectories(file.getParent());
      return java.nio.file.Files.newOutputStream(file);
    }

    @Override
    public java.io.InputStream openInputStream() throws IOException {
      return java.nio.file.Files.newInputStream(file);
    }
  }

  /**
   * javac's Filer calls this for every file it creates, against every input and every file created
   * before (JavacFiler.isInFileObjectHistory: quadratic in the number of files). javac's own file
   * manager compares paths with {@code Path.equals}; compare path strings likewise, so this
   * harness does not make that check dearer than it is in a real build ({@code URI.equals} was
   * three times slower).
   */
  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    if (a instanceof Named x && b instanceof Named y) {
      return x.path().equals(y.path());
    }
    if (a instanceof Named || b instanceof Named) {
      return false;
    }
    return super.isSameFile(a, b);
  }

  private interface Named {
    String path();
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    if (file instanceof Named n) {
      String path = n.path();
      return path.substring(0, path.lastIndexOf('.')).replace('/', '.');
    }
    return super.inferBinaryName(location, file);
  }

  /** Total bytes written under a path prefix ({@code "bitte/"}). */
  long bytesUnder(String prefix) {
    return written.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  long filesUnder(String prefix) {
    return written.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  /** An input source held in memory. */
  static final class Source extends SimpleJavaFileObject implements Named {
    private final String path;
    private final String text;

    Source(String path, String text) {
      super(URI.create("mem:///" + path), Kind.SOURCE);
      this.path = path;
      this.text = text;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private final class Output extends SimpleJavaFileObject implements Named {
    private final String path;
    private final boolean keep;
    private byte[] content;

    Output(String path, Kind kind, boolean keep) {
      super(URI.create("mem:///" + path), kind);
      this.path = path;
      this.keep = keep;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public OutputStream openOutputStream() {
      return new ByteArrayOutputStream() {
        @Override
        public void close() throws IOException {
          super.close();
          written.put(path, (long) size());
          if (keep) {
            content = toByteArray();
          }
        }
      };
    }

    @Override
    public java.io.Writer openWriter() {
      return new java.io.OutputStreamWriter(openOutputStream(), StandardCharsets.UTF_8);
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
      if (content == null) {
        throw new IOException("not kept: " + path);
      }
      return new String(content, StandardCharsets.UTF_8);
    }
  }
}
