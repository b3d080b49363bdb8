package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.BitteProcessor;
import dev.bitte.processor.testing.NixTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bitte:nixos-module}: extra NixOS modules must exist under bitte.projectDir; then they are copied and imported. */
class NixosModuleRuleTest {
  @TempDir Path project;

  static JavaFileObject fleet(String coreModules, String groupModules) {
    return JavaFileObjects.forSourceLines("test.Extra",
        "package test;",
        "",
        "import dev.bitte.AutoscalingGroup;",
        "import dev.bitte.Cluster;",
        "import dev.bitte.Core;",
        "",
        "@Cluster(name = \"extra\", domain = \"extra.example.com\", region = \"eu-central-1\", adminCidrs = \"203.0.113.0/24\")",
        "public final class Extra {",
        "  @Core(name = \"core\", count = 3, instanceType = \"t3a.medium\",",
        "      nixosModules = " + coreModules + ")",
        "  interface Servers {}",
        "",
        "  @AutoscalingGroup(instanceType = \"m5.large\", min = 1, desired = 1, max = 2, nodeClass = \"batch\",",
        "      nixosModules = " + groupModules + ")",
        "  interface Clients {}",
        "}");
  }

  Compilation compile(JavaFileObject source, String... options) {
    return Compiler.javac().withProcessors(new BitteProcessor()).withOptions((Object[]) options).compile(source);
  }

  void write(String path, String content) throws IOException {
    Path p = project.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void aMissingModuleIsAnErrorOnItsAttribute() throws IOException {
    write("nix/client.nix", "{ ... }: { }\n");
    JavaFileObject src = fleet("\"nix/missing.nix\"", "\"nix/client.nix\"");
    Compilation c = compile(src, "-Abitte.projectDir=" + project);
    assertThat(c).hadErrorContaining("[bitte:nixos-module]").inFile(src).onLineContaining("nixosModules = \"nix/missing.nix\"");
    assertThat(c).hadErrorContaining("\"nix/missing.nix\"");
    assertThat(c).hadErrorContaining("does not exist");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aPathLeavingTheProjectIsAnError() throws IOException {
    write("nix/core.nix", "{ ... }: { }\n");
    JavaFileObject src = fleet("\"nix/core.nix\"", "{\"../outside.nix\"}");
    Compilation c = compile(src, "-Abitte.projectDir=" + project);
    assertThat(c).hadErrorContaining("[bitte:nixos-module]").inFile(src).onLineContaining("\"../outside.nix\"");
    assertThat(c).hadErrorContaining("not a relative path to a .nix file");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void withoutTheProjectDirOptionTheModuleCannotBeChecked() {
    JavaFileObject src = fleet("\"nix/core.nix\"", "{}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:nixos-module]").inFile(src).onLineContaining("nixosModules = \"nix/core.nix\"");
    assertThat(c).hadErrorContaining("bitte.projectDir");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void existingModulesAreCopiedAndImported(@TempDir Path out) throws IOException {
    String core = "# core extras\n{ ... }: { services.fail2ban.enable = true; }\n";
    write("nix/core.nix", core);
    write("nix/client.nix", "{ ... }: { boot.kernel.sysctl.\"vm.max_map_count\" = 262144; }\n");
    Compilation c = compile(fleet("\"nix/core.nix\"", "{\"nix/client.nix\", \"nix/core.nix\"}"), "-Abitte.projectDir=" + project);
    assertThat(c).succeeded();
    SortedMap<String, byte[]> artifacts = SampleFleet.artifacts(c, "extra");
    assertThat(new String(artifacts.get("nixos/extra/nix/core.nix"), UTF_8)).isEqualTo(core);
    assertThat(artifacts).containsKey("nixos/extra/nix/client.nix");
    // The manifest lists (and hashes) the copies like every other artifact.
    assertThat(new String(artifacts.get("manifest.json"), UTF_8)).contains("\"nixos/extra/nix/core.nix\"");

    SampleFleet.writeTo(artifacts, out);
    Path nixos = out.resolve("nixos");
    List<Path> files = new ArrayList<>();
    for (String k : artifacts.keySet()) {
      if (k.endsWith(".nix")) {
        files.add(out.resolve(k));
      }
    }
    NixTool.parseAll(files);
    JsonNode imports = NixTool.evalJson("{ core = (import ./hosts/core-2.nix { }).imports; clients = (import ./hosts/clients.nix { pkgs = { }; }).imports; }", nixos);
    List<String> core2 = new ArrayList<>();
    imports.get("core").forEach(i -> core2.add(i.asText().replaceAll("^/nix/store/[a-z0-9]{32}-", "")));
    assertThat(core2).containsExactly("common.nix", "consul-server.nix", "vault-server.nix", "nomad-server.nix", "core.nix").inOrder();
    List<String> clients = new ArrayList<>();
    imports.get("clients").forEach(i -> clients.add(i.asText().replaceAll("^/nix/store/[a-z0-9]{32}-", "")));
    assertThat(clients).containsExactly("common.nix", "consul-client.nix", "nomad-client.nix", "client.nix", "core.nix").inOrder();
  }
}
