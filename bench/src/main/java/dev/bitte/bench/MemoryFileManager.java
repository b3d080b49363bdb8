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

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    if (a instanceof Output || b instanceof Output || a instanceof Source || b instanceof Source) {
      return a.toUri().equals(b.toUri());
    }
    return super.isSameFile(a, b);
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    if (file instanceof Output || file instanceof Source) {
      String path = file.toUri().getPath().substring(1);
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
  static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("mem:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private final class Output extends SimpleJavaFileObject {
    private final String path;
    private final boolean keep;
    private byte[] content;

    Output(String path, Kind kind, boolean keep) {
      super(URI.create("mem:///" + path), kind);
      this.path = path;
      this.keep = keep;
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
