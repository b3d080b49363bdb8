package dev.bitte.runner.artifacts;

import dev.bitte.fleet.FleetDescriptor;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.Env;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds artifact folders: a path given on the command line, or a cluster name looked up in the
 * usual places below the working directory — a build's {@code target/classes/bitte/<cluster>},
 * a reactor module's {@code <module>/target/classes/bitte/<cluster>}, a committed
 * {@code infra/<cluster>}.
 */
public final class FleetLocator {
  private final Env env;

  public FleetLocator(Env env) {
    this.env = env;
  }

  public record Found(String cluster, Path dir, String origin) {}

  /** Every artifact folder in the usual places, sorted by cluster then path. */
  public List<Found> scan() {
    List<Found> out = new ArrayList<>();
    Path cwd = env.cwd();
    collect(cwd.resolve("target/classes/bitte"), "build", out);
    collect(cwd.resolve("infra"), "committed", out);
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(cwd, Files::isDirectory)) {
      List<Path> sorted = new ArrayList<>();
      modules.forEach(sorted::add);
      sorted.sort(null);
      for (Path m : sorted) {
        collect(m.resolve("target/classes/bitte"), "build", out);
      }
    } catch (IOException e) {
      // an unreadable working directory simply has no fleets
    }
    out.sort((a, b) -> a.cluster().equals(b.cluster()) ? a.dir().compareTo(b.dir()) : a.cluster().compareTo(b.cluster()));
    return out;
  }

  private static void collect(Path root, String origin, List<Found> out) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path d : dirs) {
        if (ArtifactFolder.looksLikeOne(d)) {
          out.add(new Found(d.getFileName().toString(), d.toAbsolutePath().normalize(), origin));
        }
      }
    } catch (IOException e) {
      // skip unreadable folders
    }
  }

  /**
   * The folder for a command's FLEET argument: a folder path, a cluster name, or nothing (then
   * the only fleet found).
   */
  public Path resolve(String fleet) {
    if (fleet != null) {
      Path asPath = env.resolve(fleet);
      if (Files.isDirectory(asPath)) {
        return asPath;
      }
      if (fleet.contains("/") || fleet.startsWith(".")) {
        throw new BitteException("no artifact folder at " + fleet, "the folder does not exist",
            "build the fleet with `mvn compile`, then pass its target/classes/bitte/<cluster> folder");
      }
    }
    List<Found> all = scan();
    List<Found> matches = fleet == null ? all : all.stream().filter(f -> f.cluster().equals(fleet)).toList();
    if (matches.isEmpty()) {
      String where = "looked in target/classes/bitte/, */target/classes/bitte/ and infra/ below " + env.cwd();
      throw new BitteException(fleet == null ? "no fleet found" : "no fleet named \"" + fleet + "\" found", where,
          "build it with `mvn compile` or pass the artifact folder path" + (all.isEmpty() ? ""
              : " (found: " + all.stream().map(Found::cluster).distinct().collect(Collectors.joining(", ")) + ")"));
    }
    TreeMap<String, Found> byManifest = new TreeMap<>();
    for (Found f : matches) {
      byManifest.putIfAbsent(f.cluster() + "@" + manifestDigest(f.dir()), f);
    }
    if (byManifest.size() > 1) {
      throw new BitteException(fleet == null ? "more than one fleet found" : "fleet \"" + fleet + "\" is in more than one folder with different content",
          matches.stream().map(f -> env.show(f.dir())).collect(Collectors.joining(", ")),
          "pass the artifact folder path; to refresh a committed copy from the build run `bitte export <build folder> --to infra/`");
    }
    // identical copies: the build output is the source of truth (export writes the committed one from it)
    return matches.stream().filter(f -> f.origin().equals("build")).findFirst().orElse(matches.get(0)).dir();
  }

  private static String manifestDigest(Path dir) {
    try {
      return ArtifactFolder.sha256(Files.readAllBytes(dir.resolve(Manifest.FILE)));
    } catch (IOException e) {
      return dir.toString();
    }
  }

  /** The fleets registered (by the generated {@code *Fleet} classes) on a class path. */
  public List<FleetDescriptor> onClasspath(String classpath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        urls.add(env.resolve(entry).toUri().toURL());
      } catch (MalformedURLException e) {
        throw new BitteException("bad class path entry " + entry, e.getMessage(), "pass folders or jars separated by " + java.io.File.pathSeparator);
      }
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), FleetDescriptor.class.getClassLoader());
    List<FleetDescriptor> out = new ArrayList<>();
    ServiceLoader.load(FleetDescriptor.class, loader).forEach(out::add);
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }
}
