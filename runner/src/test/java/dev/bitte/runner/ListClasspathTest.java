package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitte.fleet.FleetDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bitte list --classpath}: fleets registered by generated *Fleet classes via META-INF/services. */
class ListClasspathTest {
  @TempDir Path tmp;

  @Test
  void listsTheFleetsRegisteredOnAClassPath() throws IOException {
    Path src = tmp.resolve("src/com/example/DemoFleet.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, """
        package com.example;
        import dev.bitte.fleet.FleetDescriptor;
        import java.util.List;
        public final class DemoFleet implements FleetDescriptor {
          public String name() { return "demo"; }
          public String domain() { return "demo.example.com"; }
          public String primaryRegion() { return "eu-west-1"; }
          public List<Node> coreNodes() { return List.of(new Node("core-1", "server", "eu-west-1", "eu-west-1a", "10.0.0.10", "t3a.medium")); }
          public List<ClientGroup> clientGroups() { return List.of(); }
          public List<String> jobs() { return List.of("apps/web"); }
        }
        """);
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    String api = Path.of(FleetDescriptor.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", api, src.toString());
    assertEquals(0, rc);
    Path services = classes.resolve("META-INF/services/" + FleetDescriptor.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "com.example.DemoFleet\n");

    Cli.Result r = Cli.run(tmp, Cli.env(null, null), "list", "--classpath", "classes");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("demo                 eu-west-1  1 core nodes, 0 client groups, 1 jobs  (com.example.DemoFleet)"), r.out().lines().toList());
  }
}
