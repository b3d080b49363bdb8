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

  MemoryFileManager(StandardJavaFileManager delegate) {
    super(delegate);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
    String path = className.replace('.', '/') + kind.extension;
    return new Output(path, kind, kind == JavaFileObject.Kind.SOURCE);
  }

  @Override
  public FileObject getFileForOutput(Location location, String packageName, String relativeName, FileObject sibling) {
    String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + relativeName;
    return new Output(path, JavaFileObject.Kind.OTHER, false);
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
