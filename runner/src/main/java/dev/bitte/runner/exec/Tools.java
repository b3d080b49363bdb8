package dev.bitte.runner.exec;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.Env;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the external programs the runner drives, on the PATH of {@link Env}. */
public final class Tools {
  /** What to install when a program is missing. */
  private static final Map<String, String> INSTALL = Map.of(
      "terraform", "install Terraform (package `terraform` from HashiCorp's apt repository, or nixpkgs#terraform) or OpenTofu (package `tofu`, nixpkgs#opentofu), or pass --terraform-bin PATH",
      "nixos-rebuild", "install nixos-rebuild (`nix profile install nixpkgs#nixos-rebuild`; it comes with every NixOS system), and Nix itself (Debian package `nix-bin`)",
      "ssh", "install the OpenSSH client (Debian/Ubuntu package `openssh-client`)",
      "scp", "install the OpenSSH client (Debian/Ubuntu package `openssh-client`)",
      "aws", "install the AWS CLI (Debian/Ubuntu package `awscli`, or nixpkgs#awscli2), with the credentials terraform uses");

  private final Env env;

  public Tools(Env env) {
    this.env = env;
  }

  /** The first executable named {@code name} on PATH. */
  public Optional<Path> find(String name) {
    String path = env.get("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /**
   * A program the runner needs. In a dry run a missing program is shown by its name (nothing runs);
   * otherwise it is an error naming what to install.
   */
  public Tool require(String name, boolean dryRun) {
    Optional<Path> p = find(name);
    if (p.isPresent()) {
      return new Tool(name, p.get().toString());
    }
    if (dryRun) {
      return new Tool(name, name);
    }
    throw missing(name, List.of(name));
  }

  /**
   * Terraform or OpenTofu: {@code --terraform-bin} when given (a path or a name on PATH), else
   * {@code terraform}, else {@code tofu}.
   */
  public Tool terraform(String flag, boolean dryRun) {
    if (flag != null) {
      Path given = env.resolve(flag);
      if (flag.contains("/") ) {
        if (Files.isExecutable(given) || dryRun) {
          return new Tool(given.getFileName().toString(), given.toString());
        }
        throw new BitteException("--terraform-bin " + flag + " is not an executable file", "no such file, or not executable",
            INSTALL.get("terraform"));
      }
      return require(flag, dryRun);
    }
    for (String name : List.of("terraform", "tofu")) {
      Optional<Path> p = find(name);
      if (p.isPresent()) {
        return new Tool(name, p.get().toString());
      }
    }
    if (dryRun) {
      return new Tool("terraform", "terraform");
    }
    throw missing("terraform", List.of("terraform", "tofu"));
  }

  private BitteException missing(String name, List<String> looked) {
    return new BitteException(String.join(" or ", looked.stream().map(n -> "`" + n + "`").toList()) + " not found",
        "no such program on PATH (" + env.get("PATH", "") + ")",
        INSTALL.getOrDefault(name, "install " + name + " and put it on PATH"));
  }

  /** A resolved program: the name shown to the operator and the path that runs. */
  public record Tool(String name, String path) {}
}
