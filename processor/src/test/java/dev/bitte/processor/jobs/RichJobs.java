package dev.bitte.processor.jobs;

import javax.tools.JavaFileObject;

/** Jobs that use every feature the writer supports, for the parser and golden tests. */
final class RichJobs {
  private RichJobs() {}

  static final JavaFileObject WEB = JobFixtures.job("Web", """
      @Job(cluster = Testnet.class, namespace = "apps", meta = @Meta(key = "owner", value = "team \\"web\\""))
      @VaultPolicy(name = "web", rules = "path \\"kv/data/web/*\\" {\\n  capabilities = [\\"read\\"]\\n}\\n")
      public interface Web {
        @Group(count = 3, nodeClass = "general",
            ports = {@Port(label = "http", to = 8080), @Port(label = "metrics", value = 9102)},
            services = {
              @Service(name = "web", port = "http", tags = {"public", "v${1}"},
                  checks = {@Check(path = "/health"), @Check(type = CheckType.TCP, interval = "30s", timeout = "5s")},
                  upstreams = {@Upstream(service = "db", localPort = 5432), @Upstream(service = "payments", localPort = 9000, external = true)}),
              @Service(name = "web-metrics", port = "metrics")},
            constraints = @Constraint(attribute = "${attr.kernel.name}", value = "linux"),
            affinities = @Affinity(attribute = "${meta.tier}", value = "apps", weight = 30),
            spreads = @Spread(attribute = "${node.datacenter}", weight = 80,
                targets = {@SpreadTarget(value = "eu-central-1", percent = 70), @SpreadTarget(value = "us-east-2", percent = 30)}),
            update = @Update(maxParallel = 2, canary = 1, autoRevert = true, autoPromote = true, minHealthyTime = "15s", healthyDeadline = "3m"),
            migrate = @Migrate(maxParallel = 2, healthCheck = "task_states", minHealthyTime = "20s"),
            restart = @Restart(attempts = 5, interval = "10m", delay = "20s", mode = "delay"),
            reschedule = @Reschedule(unlimited = true, delay = "15s", maxDelay = "10m"),
            meta = @Meta(key = "tier", value = "frontend"))
        interface Frontend {
          @Task(driver = Driver.DOCKER, image = "ghcr.io/acme/web:1.4.2", ports = {"http", "metrics"}, args = {"--listen", ":8080"},
              cpu = 500, memoryMb = 256, memoryMaxMb = 512, vaultPolicies = {"web", "shared"},
              env = {@Env(name = "PORT", value = "8080"), @Env(name = "GREETING", value = "say \\"hi\\"\\tto ${NOMAD_ALLOC_ID} at 100%{x} \\\\ done")},
              templates = @Template(destination = "secrets/app.env", env = true, changeMode = ChangeMode.SIGNAL, changeSignal = "SIGHUP",
                  data = "KEY={{ with secret \\"kv/data/web\\" }}{{ .Data.data.key }}{{ end }}\\nHOME=${HOME}\\n"),
              artifacts = @Artifact(source = "https://example.com/assets.tar.gz", destination = "local/assets"),
              killTimeout = "20s", logMaxFiles = 5, logMaxFileSizeMb = 20,
              services = @Service(name = "web-metrics-task", port = "metrics", tags = "task",
                  checks = @Check(type = CheckType.TCP, interval = "20s", timeout = "2s")))
          interface Server {}

          @Task(driver = Driver.EXEC, command = "/bin/migrate", args = "--up", lifecycle = Lifecycle.PRESTART, cpu = 100, memoryMb = 64)
          interface Migrate {}
        }
      }
      """);

  static final JavaFileObject DB = JobFixtures.job("Db", """
      @Job(cluster = Testnet.class, namespace = "apps", datacenters = "eu-central-1", priority = 80)
      public interface Db {
        @Group(nodeClass = "general", ports = @Port(label = "pg", to = 5432),
            services = @Service(name = "db", port = "pg", connect = true, checks = @Check(type = CheckType.TCP)),
            volumes = @Volume(name = "data", source = "pg-data"))
        interface Postgres {
          @Task(driver = Driver.DOCKER, image = "postgres:16.4", cores = 2, memoryMb = 2048,
              volumeMounts = @VolumeMount(volume = "data", destination = "/var/lib/postgresql/data"))
          interface Server {}
        }
      }
      """);

  static final JavaFileObject REPORT = JobFixtures.job("Report", """
      @Job(cluster = Testnet.class, id = "report", type = JobType.BATCH, datacenters = "eu-central-1",
          periodic = "*/15 8-18 * * MON-FRI", prohibitOverlap = false)
      public interface Report {
        @Group(nodeClass = "batch", network = NetworkMode.HOST)
        interface Run {
          @Task(driver = Driver.JAVA, jar = "local/report.jar", jvmOptions = {"-Xmx256m"}, args = "--all", memoryMb = 512,
              artifacts = @Artifact(source = "https://example.com/report.jar"))
          interface Jvm {}
        }
      }
      """);

  static final JavaFileObject DISPATCH = JobFixtures.job("Dispatch", """
      @Job(cluster = Testnet.class, type = JobType.BATCH, parameterized = true, requiredMeta = "target")
      public interface Dispatch {
        @Group(count = 2, reschedule = @Reschedule(attempts = 1, interval = "24h", delayFunction = "constant"))
        interface Work {
          @Task(driver = Driver.RAW_EXEC, command = "/usr/bin/env", args = {"sh", "-c", "echo ${NOMAD_META_target}"})
          interface Run {}
        }
      }
      """);

  static final JavaFileObject SHIPPER = JobFixtures.job("Shipper", """
      @Job(cluster = Testnet.class, namespace = "ops", type = JobType.SYSTEM, priority = 90)
      public interface Shipper {
        @Group(network = NetworkMode.HOST, ports = @Port(label = "api", value = 8686))
        interface Vector {
          @Task(driver = Driver.DOCKER, image = "timberio/vector:0.41.1-debian", cpu = 200, memoryMb = 256,
              templates = @Template(destination = "local/vector.toml",
                  data = "{{ range service \\"loki\\" }}endpoint = \\"http://{{ .Address }}:{{ .Port }}\\"\\n{{ end }}"))
          interface Agent {}

          @Task(driver = Driver.DOCKER, image = "busybox:1.36", command = "sleep", args = "infinity",
              lifecycle = Lifecycle.POSTSTART, sidecar = true)
          interface Helper {}
        }
      }
      """);

  static final JavaFileObject[] ALL = {WEB, DB, REPORT, DISPATCH, SHIPPER};
}
