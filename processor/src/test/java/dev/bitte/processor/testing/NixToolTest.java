package dev.bitte.processor.testing;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NixToolTest {
  @TempDir Path dir;

  @BeforeAll
  static void requireNix() {
    // Skip (fail in CI) the whole class up front, rather than inside assertThrows.
    Tools.requireTool("nix-instantiate");
  }

  private static final String MODULE =
      """
      { config, lib, pkgs, ... }:
      let
        port = 8500;
      in {
        services.consul = {
          enable = true;
          extraConfig = {
            server = true;
            bootstrap_expect = 3;
            retry_join = [ "10.0.0.1" "10.0.0.2" ];
          };
        };
        networking.firewall.allowedTCPPorts = [ port (port + 1) ];
        environment.etc."consul.d/motd".text = ''
          consul on port ${toString port}
          literal ''${not interpolated}
        '';
      }
      """;

  @Test
  void parsesAValidModule() throws IOException {
    Path file = write("consul.nix", MODULE);
    String printed = NixTool.parse(file);
    assertThat(printed).contains("services");
    assertThat(printed).contains("8500");
    NixTool.parseAll(List.of(file, file));
  }

  @Test
  void rejectsASyntaxErrorWithFileAndPosition() throws IOException {
    Path file = write("broken.nix", "{ config, ... }:\n{\n  services.consul.enable = true\n}\n");
    AssertionError error = assertThrows(AssertionError.class, () -> NixTool.parse(file));
    assertThat(error).hasMessageThat().contains("syntax error");
    assertThat(error).hasMessageThat().contains("broken.nix:4:1");

    Path good = write("good.nix", "{ }\n");
    AssertionError batch =
        assertThrows(AssertionError.class, () -> NixTool.parseAll(List.of(good, file)));
    assertThat(batch).hasMessageThat().contains("broken.nix");
  }

  @Test
  void evaluatesToJson() {
    JsonNode value = NixTool.evalJson("{ a = 1 + 1; }");
    assertThat(value.get("a").isInt()).isTrue();
    assertThat(value.get("a").asInt()).isEqualTo(2);
    assertThat(NixTool.evalJson("[ \"x\" null true 1.5 ]").toString())
        .isEqualTo("[\"x\",null,true,1.5]");
  }

  @Test
  void evaluatesAModuleAppliedToStubArguments() throws IOException {
    write("consul.nix", MODULE);
    JsonNode config =
        NixTool.evalJson("(import ./consul.nix) { config = {}; lib = {}; pkgs = {}; }", dir);
    assertThat(config.at("/services/consul/enable").asBoolean()).isTrue();
    assertThat(config.at("/services/consul/extraConfig/bootstrap_expect").asInt()).isEqualTo(3);
    assertThat(config.at("/networking/firewall/allowedTCPPorts").toString()).isEqualTo("[8500,8501]");
    assertThat(config.at("/environment/etc/consul.d~1motd/text").asText())
        .isEqualTo("consul on port 8500\nliteral ${not interpolated}\n");
  }

  @Test
  void reportsEvaluationErrors() {
    AssertionError function =
        assertThrows(AssertionError.class, () -> NixTool.evalJson("{ f = x: x; }"));
    assertThat(function).hasMessageThat().contains("cannot convert a function to JSON");
    AssertionError thrown =
        assertThrows(AssertionError.class, () -> NixTool.evalJson("throw \"bitte-boom\""));
    assertThat(thrown).hasMessageThat().contains("bitte-boom");
    // No <nixpkgs> leaks in from the machine.
    assertThrows(AssertionError.class, () -> NixTool.evalJson("(import <nixpkgs> {}).lib.version"));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
