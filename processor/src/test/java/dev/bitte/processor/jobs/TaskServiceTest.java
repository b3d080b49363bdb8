package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bitte.processor.jobs.JobFixtures.compile;
import static dev.bitte.processor.jobs.JobFixtures.job;
import static dev.bitte.processor.jobs.JobFixtures.simpleJob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Task(services)}: task-level Consul services, checked where they are written. */
class TaskServiceTest {
  private static JavaFileObject withTaskService(String service) {
    return job("Simple", simpleJob("", "ports = @Port(label = \"http\", to = 8080)", "ports = \"http\", services = " + service));
  }

  @Test
  void aTaskServiceIsWrittenInTheTaskAndListedInTheManifest() throws IOException {
    Compilation c = compile(withTaskService("@Service(name = \"simple-http\", port = \"http\", checks = @Check(path = \"/ready\"))"));
    assertThat(c).succeededWithoutWarnings();
    String hcl = JobFixtures.generated(c, "bitte/testnet/nomad/default/simple.nomad.hcl");
    assertThat(hcl).contains("    task \"server\" {");
    assertThat(hcl).contains("\n      service {\n        name = \"simple-http\"\n        port = \"http\"\n");
    JsonNode manifest = new ObjectMapper().readTree(JobFixtures.generated(c, "bitte/testnet/manifest.json"));
    JsonNode service = manifest.at("/jobs/0/groups/0/services/0");
    assertThat(service.get("name").asText()).isEqualTo("simple-http");
    assertThat(service.get("task").asText()).isEqualTo("server");
  }

  @Test
  void connectIsForGroupServices() {
    JavaFileObject src = withTaskService("@Service(name = \"simple-http\", port = \"http\", connect = true)");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:connect] service \"simple-http\" of task \"server\" of group \"simple.main\" joins Connect");
    assertThat(c).hadErrorContaining("move it to @Group(services)");
    assertThat(c).hadErrorContaining("[bitte:connect]").inFile(src).onLineContaining("connect = true");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void itsPortIsALabelOfTheGroupsNetwork() {
    JavaFileObject src = withTaskService("@Service(name = \"simple-http\", port = \"htp\")");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:service-port] service \"simple-http\" of task \"server\" of group \"simple.main\" uses port \"htp\"");
    assertThat(c).hadErrorContaining("[bitte:service-port]").inFile(src).onLineContaining("port = \"htp\"");
  }
}
