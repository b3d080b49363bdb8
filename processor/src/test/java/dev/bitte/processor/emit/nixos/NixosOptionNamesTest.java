package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.eval;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every option the generated modules set, as Nix evaluates them, is one of the NixOS options
 * listed (with the nixpkgs file declaring it) in {@code nixos-options.txt}: a misspelt option
 * name fails here instead of at deploy time.
 */
class NixosOptionNamesTest {
  static List<String> known() throws IOException {
    try (InputStream in = NixosOptionNamesTest.class.getResourceAsStream("nixos-options.txt")) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.trim());
        }
      }
      return out;
    }
  }

  /** Whether {@code path} is the option {@code pattern}, or lies inside it when it is freeform. */
  static boolean matches(List<String> path, String pattern) {
    String[] p = pattern.split("\\.");
    boolean freeform = p[p.length - 1].equals("*");
    int n = freeform ? p.length - 1 : p.length;
    if (freeform ? path.size() < n : path.size() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!p[i].equals("<name>") && !p[i].equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The option paths set in a module's configuration (down to the options, not into their values). */
  static void collect(JsonNode node, List<String> path, List<String> known, Set<String> unknown, Set<String> used) {
    for (String k : known) {
      if (matches(path, k)) {
        used.add(k);
        return;
      }
    }
    if (node.isObject() && node.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> child = new ArrayList<>(path);
        child.add(e.getKey());
        collect(e.getValue(), child, known, unknown, used);
      }
    } else {
      unknown.add(String.join(".", path));
    }
  }

  @Test
  void everyOptionSetIsARealNixosOption() throws IOException {
    List<String> known = known();
    Set<String> unknown = new TreeSet<>();
    Set<String> used = new TreeSet<>();
    List<String[]> modules = List.of(new String[] {"common", "core-1"}, new String[] {"consul-server", "core-1"},
        new String[] {"consul-client", "clients-eu"}, new String[] {"vault-server", "core-1"}, new String[] {"nomad-server", "core-1"},
        new String[] {"nomad-client", "clients-eu"}, new String[] {"monitoring", "monitoring"}, new String[] {"routing", "routing"});
    for (String[] m : modules) {
      JsonNode v = eval(NixosWriterTest.module(m[0], m[1]));
      JsonNode config = v.has("options") ? v.get("config") : v;
      config.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("imports")) {
          collect(e.getValue(), List.of(e.getKey()), known, unknown, used);
        }
      });
    }
    for (String h : List.of("core-1", "monitoring", "routing", "clients-eu", "clients-us")) {
      JsonNode v = eval(NixosWriterTest.host(h));
      v.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("imports")) {
          collect(e.getValue(), List.of(e.getKey()), known, unknown, used);
        }
      });
    }
    // The flake's inline modules.
    JsonNode flake = eval("let o = (import ./flake.nix).outputs { self = { }; nixpkgs = { lib = s.lib; }; };"
        + " c = o.nixosConfigurations.core-1; in { a = builtins.mapAttrs (n: v: builtins.mapAttrs (n: v: builtins.mapAttrs (n: v: true) v) v)"
        + " (builtins.head c.modules); b = builtins.elemAt c.modules 1; }");
    flake.fields().forEachRemaining(e -> e.getValue().fields().forEachRemaining(
        f -> collect(f.getValue(), List.of(f.getKey()), known, unknown, used)));
    assertWithMessage("options set but not in nixos-options.txt (a typo, or verify and add them)").that(unknown).isEmpty();
    // Every listed option is used: the list documents what the modules set, not more.
    Set<String> unused = new TreeSet<>(known);
    unused.removeAll(used);
    assertWithMessage("listed but never set").that(unused).isEmpty();
  }

  @Test
  void theCheckCatchesAMisspeltOption() throws IOException {
    Set<String> unknown = new TreeSet<>();
    List<String> known = known();
    JsonNode v = eval("{ services.consul.extraConfigFile = [ \"x\" ]; services.consul.extraConfig.anything.goes = 1; }");
    v.fields().forEachRemaining(e -> collect(e.getValue(), List.of(e.getKey()), known, unknown, new TreeSet<>()));
    assertThat(unknown).containsExactly("services.consul.extraConfigFile");
  }
}
