package dev.bitte.processor.jobs;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bitte.processor.jobs.JobFixtures.compile;
import static dev.bitte.processor.jobs.JobFixtures.job;
import static dev.bitte.processor.jobs.JobFixtures.simpleJob;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One bad input per job rule, asserted on the rule id, the file and the line it points at. */
class JobRulesTest {

  private static void assertError(String rule, String line, JavaFileObject src, JavaFileObject... others) {
    assertError(rule, line, 1, src, others);
  }

  private static void assertError(String rule, String line, int count, JavaFileObject src, JavaFileObject... others) {
    JavaFileObject[] all = new JavaFileObject[others.length + 1];
    all[0] = src;
    System.arraycopy(others, 0, all, 1, others.length);
    Compilation c = compile(all);
    assertThat(c).hadErrorContaining("[bitte:" + rule + "]");
    assertThat(c).hadErrorContaining("[bitte:" + rule + "]").inFile(src).onLineContaining(line);
    assertThat(c).hadErrorCount(count);
  }

  private static JavaFileObject simple(String jobAttrs, String groupAttrs, String taskAttrs) {
    return job("Simple", simpleJob(jobAttrs, groupAttrs, taskAttrs));
  }

  @Test
  void validSimpleJobCompiles() {
    assertThat(compile(simple("", "", ""))).succeededWithoutWarnings();
  }

  @Test
  void name() {
    assertError("name", "id = \"Web_App\"", simple("id = \"Web_App\"", "", ""));
  }

  @Test
  void namespaceName() {
    assertError("name", "namespace = \"Apps!\"", simple("namespace = \"Apps!\"", "", ""));
  }

  @Test
  void duplicateTaskName() {
    JavaFileObject src = job("Dup", """
        @Job(cluster = Testnet.class)
        public interface Dup {
          @Group
          interface Main {
            @Task(driver = Driver.DOCKER, image = "a:1")
            interface Server {}
            @Task(name = "server", driver = Driver.DOCKER, image = "b:1")
            interface Other {}
          }
        }
        """);
    assertError("duplicate-name", "name = \"server\"", src);
  }

  @Test
  void duplicateJobIdInOneCluster() {
    JavaFileObject a = job("A", simpleJob("id = \"same\"", "", "").replace("Simple", "A"));
    JavaFileObject b = job("B", simpleJob("id = \"same\"", "", "").replace("Simple", "B"));
    Compilation c = compile(a, b);
    assertThat(c).hadErrorContaining("[bitte:duplicate-name]").inFile(b).onLineContaining("id = \"same\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jobCluster() {
    assertError("job-cluster", "cluster = String.class", job("Simple", simpleJob("", "", "").replace("cluster = Testnet.class", "cluster = String.class")));
  }

  @Test
  void groupOutsideJob() {
    JavaFileObject src = job("Loose", """
        public interface Loose {
          @Group(count = 2)
          interface Main {
            @Task(driver = Driver.DOCKER, image = "a:1")
            interface Server {}
          }
        }
        """);
    assertError("job-structure", "@Group(count = 2)", src);
  }

  @Test
  void groupWithoutTask() {
    JavaFileObject src = job("Empty", """
        @Job(cluster = Testnet.class)
        public interface Empty {
          @Group(count = 2)
          interface Main {}
        }
        """);
    assertError("job-structure", "@Group(count = 2)", src);
  }

  @Test
  void periodicServiceJob() {
    assertError("job-type", "periodic = \"0 3 * * *\"", simple("periodic = \"0 3 * * *\"", "", ""));
  }

  @Test
  void systemJobWithCount() {
    assertError("job-type", "count = 3", simple("type = JobType.SYSTEM", "count = 3", ""));
  }

  @Test
  void priority() {
    assertError("priority", "priority = 101", simple("priority = 101", "", ""));
  }

  @Test
  void dockerNeedsImage() {
    JavaFileObject src = job("NoImage", """
        @Job(cluster = Testnet.class)
        public interface NoImage {
          @Group
          interface Main {
            @Task(driver = Driver.DOCKER, cpu = 100)
            interface Server {}
          }
        }
        """);
    assertError("driver-config", "driver = Driver.DOCKER", src);
  }

  @Test
  void execNeedsCommand() {
    JavaFileObject src = job("NoCommand", """
        @Job(cluster = Testnet.class)
        public interface NoCommand {
          @Group
          interface Main {
            @Task(driver = Driver.EXEC,
                args = "--x")
            interface Server {}
          }
        }
        """);
    assertError("driver-config", "driver = Driver.EXEC", src);
  }

  @Test
  void imageOnExec() {
    JavaFileObject src = job("ExecImage", """
        @Job(cluster = Testnet.class)
        public interface ExecImage {
          @Group
          interface Main {
            @Task(driver = Driver.EXEC, command = "/bin/true",
                image = "nginx:1")
            interface Server {}
          }
        }
        """);
    assertError("driver-config", "image = \"nginx:1\"", src);
  }

  @Test
  void duration() {
    assertError("duration", "killTimeout = \"5 seconds\"", simple("", "", "killTimeout = \"5 seconds\""));
  }

  @Test
  void checkDuration() {
    assertError("duration", "interval = \"1d\"", simple("", "ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"http\", checks = @Check(interval = \"1d\"))", ""));
  }

  @Test
  void cron() {
    assertError("cron", "periodic = \"0 25 * * *\"", simple("type = JobType.BATCH, periodic = \"0 25 * * *\"", "", ""));
  }

  @Test
  void memoryMaxBelowMemory() {
    assertError("resources", "memoryMaxMb = 128", simple("", "", "memoryMb = 256, memoryMaxMb = 128"));
  }

  @Test
  void cpuNotPositive() {
    assertError("resources", "cpu = 0", simple("", "", "cpu = 0"));
  }

  @Test
  void logsLargerThanDisk() {
    assertError("resources", "logMaxFiles = 20", simple("", "", "logMaxFiles = 20, logMaxFileSizeMb = 20"));
  }

  @Test
  void datacenter() {
    assertError("datacenter", "datacenters = \"eu-central-2\"", simple("datacenters = \"eu-central-2\"", "", ""));
  }

  @Test
  void nodeClassNotInDatacenters() {
    // "batch" exists, but only in eu-central-1.
    assertError("job-node-class", "nodeClass = \"batch\"", simple("datacenters = \"us-east-2\"", "nodeClass = \"batch\"", ""));
  }

  @Test
  void unknownNodeClass() {
    assertError("job-node-class", "nodeClass = \"gpu\"", simple("", "nodeClass = \"gpu\"", ""));
  }

  @Test
  void constraintOperator() {
    assertError("constraint", "operator = \"==\"", simple("", "constraints = @Constraint(attribute = \"${attr.kernel.name}\", operator = \"==\", value = \"linux\")", ""));
  }

  @Test
  void constraintAttribute() {
    assertError("constraint", "attribute = \"${node.klass}\"", simple("", "constraints = @Constraint(attribute = \"${node.klass}\", value = \"x\")", ""));
  }

  @Test
  void affinityWeight() {
    assertError("constraint", "weight = 0", simple("", "affinities = @Affinity(attribute = \"${meta.tier}\", value = \"x\", weight = 0)", ""));
  }

  @Test
  void portOutOfRange() {
    assertError("port", "value = 70000", simple("", "ports = @Port(label = \"http\", value = 70000)", ""));
  }

  @Test
  void servicePort() {
    assertError("service-port", "port = \"htp\"", simple("", "ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"htp\")", ""));
  }

  @Test
  void taskPort() {
    assertError("service-port", "ports = \"web\"", simple("", "ports = @Port(label = \"http\")", "ports = \"web\""));
  }

  @Test
  void portCollisionAcrossJobs() {
    JavaFileObject a = job("A", simpleJob("", "ports = @Port(label = \"dns\", value = 53)", "").replace("Simple", "A"));
    JavaFileObject b = job("B", simpleJob("", "nodeClass = \"general\", ports = @Port(label = \"dns2\", value = 53)", "").replace("Simple", "B"));
    assertError("port-collision", "value = 53", b, a);
  }

  @Test
  void noCollisionWhenNodeClassesSeparate() {
    JavaFileObject a = job("A", simpleJob("", "nodeClass = \"batch\", ports = @Port(label = \"dns\", value = 53)", "").replace("Simple", "A"));
    JavaFileObject b = job("B", simpleJob("", "nodeClass = \"general\", ports = @Port(label = \"dns\", value = 53)", "").replace("Simple", "B"));
    assertThat(compile(a, b)).succeededWithoutWarnings();
  }

  @Test
  void connectNeedsBridge() {
    assertError("connect", "connect = true", simple("", "network = NetworkMode.HOST, ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"http\", connect = true)", ""));
  }

  @Test
  void upstreamUnknown() {
    assertError("upstream", "service = \"dbb\"", simple("", "ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"http\", upstreams = @Upstream(service = \"dbb\", localPort = 5432))", ""));
  }

  @Test
  void upstreamExternalIsAllowed() {
    assertThat(compile(simple("", "ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"http\", upstreams = @Upstream(service = \"stripe\", localPort = 5432, external = true))", "")))
        .succeededWithoutWarnings();
  }

  @Test
  void upstreamToAnotherJobsService() {
    JavaFileObject db = job("Db", simpleJob("", "ports = @Port(label = \"pg\"), services = @Service(name = \"db\", port = \"pg\", connect = true)", "").replace("Simple", "Db"));
    JavaFileObject web = job("Web", simpleJob("", "ports = @Port(label = \"http\"), services = @Service(name = \"web\", port = \"http\", upstreams = @Upstream(service = \"db\", localPort = 5432))", "").replace("Simple", "Web"));
    assertThat(compile(db, web)).succeededWithoutWarnings();
  }

  @Test
  void vaultPolicyNotDeclared() {
    assertError("vault-policy", "vaultPolicies = \"secret\"", simple("", "", "vaultPolicies = \"secret\""));
  }

  @Test
  void vaultPolicyDeclaredOnClusterOrJob() {
    String body = simpleJob("", "", "vaultPolicies = {\"shared\", \"own\"}").replace("@Job(", "@VaultPolicy(name = \"own\", rules = \"path \\\"x\\\" {}\")\n@Job(");
    assertThat(compile(job("Simple", body))).succeededWithoutWarnings();
  }

  @Test
  void vaultPolicyWithoutRules() {
    String body = simpleJob("", "", "").replace("@Job(", "@VaultPolicy(name = \"own\", rules = \" \")\n@Job(");
    assertError("vault-policy", "rules = \" \"", job("Simple", body));
  }

  @Test
  void hostVolumeMissingOnSomeClients() {
    // pg-data exists on clients-eu only, but the job may land on clients-us too.
    assertError("volume", "source = \"pg-data\"", simple("", "nodeClass = \"general\", volumes = @Volume(name = \"data\", source = \"pg-data\")", ""));
  }

  @Test
  void hostVolumeInTheRightDatacenter() {
    assertThat(compile(simple("datacenters = \"eu-central-1\"", "nodeClass = \"general\", volumes = @Volume(name = \"data\", source = \"pg-data\")",
        "volumeMounts = @VolumeMount(volume = \"data\", destination = \"/data\")"))).succeededWithoutWarnings();
  }

  @Test
  void volumeMountOfUndeclaredVolume() {
    assertError("volume", "volume = \"dta\"", simple("", "", "volumeMounts = @VolumeMount(volume = \"dta\", destination = \"/data\")"));
  }

  @Test
  void templateWithoutData() {
    assertError("template", "destination = \"local/x\"", simple("", "", "templates = @Template(destination = \"local/x\")"));
  }

  @Test
  void templateSourceMissing() {
    assertError("template", "source = \"conf/missing.tpl\"", simple("", "", "templates = @Template(destination = \"local/x\", source = \"conf/missing.tpl\")"));
  }

  @Test
  void env() {
    assertError("env", "name = \"MY-VAR\"", simple("", "", "env = @Env(name = \"MY-VAR\", value = \"x\")"));
  }

  @Test
  void meta() {
    assertError("meta", "key = \"a.b\"", simple("meta = @Meta(key = \"a.b\", value = \"x\")", "", ""));
  }

  @Test
  void groupFit() {
    // m5.xlarge (4 x 3100 MHz, 16 GiB) is the largest general instance; 20 GiB cannot fit.
    JavaFileObject src = simple("", "nodeClass = \"general\"", "memoryMb = 20480");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:group-fit]").inFile(src).onLineContaining("@Group(");
    assertThat(c).hadErrorContaining("the largest, m5.xlarge of client group clients-eu");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void groupFitsExactlyAfterReserve() {
    JavaFileObject src = simple("", "nodeClass = \"batch\"", "memoryMb = 3584");
    assertThat(compile(src)).succeeded();
  }

  @Test
  void groupFitOneMebibyteTooMuch() {
    // c5.large: 4096 MiB - 512 MiB reserve = 3584 MiB.
    JavaFileObject src = simple("", "nodeClass = \"batch\"", "memoryMb = 3585");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:group-fit]");
    assertThat(c).hadErrorContaining("3584 MiB after the client's reserve");
  }

  @Test
  void vaultPolicyDeclaredTwice() {
    String body = simpleJob("", "", "").replace("@Job(", "@VaultPolicy(name = \"shared\", rules = \"path \\\"y\\\" {}\")\n@Job(");
    assertError("vault-policy", "@VaultPolicy(name = \"shared\"", job("Simple", body));
  }

  @Test
  void noClientGroupInTheDatacenters() {
    JavaFileObject cluster = com.google.testing.compile.JavaFileObjects.forSourceString("test.Lonely", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "lonely", domain = "lonely.example.com", region = "eu-central-1", adminCidrs = "203.0.113.0/24")
        public final class Lonely {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(region = "us-east-2", instanceType = "m5.large")
          interface ClientsUs {}
        }
        """);
    JavaFileObject src = job("Simple", simpleJob("datacenters = \"eu-central-1\"", "", "").replace("Testnet.class", "Lonely.class"));
    assertError("job-node-class", "datacenters = \"eu-central-1\"", src, cluster);
  }

  @Test
  void timeoutLongerThanInterval() {
    assertError("duration", "timeout = \"30s\"", simple("", "ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"http\", checks = @Check(interval = \"10s\", timeout = \"30s\"))", ""));
  }

  @Test
  void upstreamLocalPortTwice() {
    assertError("connect", "localPort = 7000)})", simple("", "ports = @Port(label = \"http\"), services = @Service(name = \"s\", port = \"http\", upstreams = {@Upstream(service = \"a\", localPort = 7000, external = true), @Upstream(service = \"b\", localPort = 7000)})", ""), new JavaFileObject[0]);
  }

  @Test
  void staticPortOfAClientAgent() {
    JavaFileObject src = simple("", "ports = @Port(label = \"dns\", value = 8600)", "");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:port-collision]").inFile(src).onLineContaining("value = 8600");
    assertThat(c).hadErrorContaining("consul-dns");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void rescheduleDelayFunction() {
    assertError("job-structure", "delayFunction = \"linear\"", simple("", "reschedule = @Reschedule(delayFunction = \"linear\")", ""));
  }

  @Test
  void rescheduleOnSystemJob() {
    assertError("job-type", "reschedule = @Reschedule", simple("type = JobType.SYSTEM", "reschedule = @Reschedule", ""));
  }
}
