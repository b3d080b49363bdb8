package dev.bitte.processor.validate;

import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.Fleet;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code bitte:nixos-module}: the extra NixOS modules named on {@code @Core} and
 * {@code @AutoscalingGroup} ({@code nixosModules}) must be {@code .nix} files that exist under the
 * project directory (the processor option {@code bitte.projectDir}). Their contents are read here,
 * once, so the writers can copy them into the artifacts without touching the file system.
 */
public final class NixosModuleValidator {
  /** Relative, no "..", and a valid Nix path literal once placed under {@code extra/}. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*\\.nix");

  private final Diagnostics diagnostics;
  private final Path projectDir;

  /** @param projectDir the value of {@code bitte.projectDir}, or null when the option was not given */
  public NixosModuleValidator(Diagnostics diagnostics, Path projectDir) {
    this.diagnostics = diagnostics;
    this.projectDir = projectDir;
  }

  /** Checks every named module and returns the contents of the valid ones, path as written → text. */
  public SortedMap<String, String> validate(Fleet fleet) {
    SortedMap<String, String> files = new TreeMap<>();
    for (CoreSpec c : fleet.cores()) {
      check(c.nixosModules(), c.source(), "@Core " + c.name(), files);
    }
    for (ClientGroup g : fleet.groups()) {
      check(g.nixosModules(), g.source(), "@AutoscalingGroup " + g.name(), files);
    }
    return files;
  }

  private void check(List<String> modules, Source source, String subject, SortedMap<String, String> files) {
    for (int i = 0; i < modules.size(); i++) {
      String path = modules.get(i);
      Source at = source.at("nixosModules", i);
      if (!PATH.matcher(path).matches() || List.of(path.split("/")).contains("..") || List.of(path.split("/")).contains(".")) {
        diagnostics.error(Rule.NIXOS_MODULE, at, subject + " names the NixOS module \"" + path + "\", which is not a relative path to a .nix file"
            + " (letters, digits, '.', '_', '+', '-' and '/', no '..'). Name it relative to the project directory, for example \"nix/extra.nix\".");
        continue;
      }
      if (files.containsKey(path)) {
        continue;
      }
      if (projectDir == null) {
        diagnostics.error(Rule.NIXOS_MODULE, at, subject + " names the NixOS module \"" + path + "\" but the processor option bitte.projectDir is not set,"
            + " so it cannot be found. Pass -Abitte.projectDir=${project.basedir} to javac (maven-compiler-plugin compilerArgs).");
        continue;
      }
      Path file = projectDir.resolve(path);
      if (!Files.isRegularFile(file)) {
        diagnostics.error(Rule.NIXOS_MODULE, at, subject + " names the NixOS module \"" + path + "\", but " + file
            + " does not exist. Create it or fix the path (it is relative to " + projectDir + ").");
        continue;
      }
      try {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        files.put(path, text);
      } catch (CharacterCodingException e) {
        diagnostics.error(Rule.NIXOS_MODULE, at, subject + " names the NixOS module \"" + path + "\", which is not UTF-8 text. Save it as UTF-8.");
      } catch (IOException e) {
        diagnostics.error(Rule.NIXOS_MODULE, at, subject + " names the NixOS module \"" + path + "\", which cannot be read: " + e.getMessage() + ".");
      }
    }
  }
}
