package dev.bitte.sample;

import dev.bitte.Check;
import dev.bitte.CheckType;
import dev.bitte.Driver;
import dev.bitte.Env;
import dev.bitte.Group;
import dev.bitte.Job;
import dev.bitte.Port;
import dev.bitte.Restart;
import dev.bitte.Service;
import dev.bitte.Task;
import dev.bitte.Volume;
import dev.bitte.VolumeMount;

/**
 * PostgreSQL on the {@code pg-data} host volume, which only the Frankfurt clients have: hence
 * the single datacenter. Reachable only through the Connect mesh.
 */
@Job(cluster = MyTestnet.class, namespace = "apps", datacenters = "eu-central-1", priority = 80)
public interface Db {
  @Group(nodeClass = "general",
      ports = @Port(label = "pg", to = 5432),
      services = @Service(name = "db", port = "pg", connect = true,
          checks = @Check(type = CheckType.TCP, interval = "15s", timeout = "3s")),
      volumes = @Volume(name = "data", source = "pg-data"),
      restart = @Restart(attempts = 3, interval = "10m", delay = "30s", mode = "delay"),
      ephemeralDiskMb = 500)
  interface Postgres {
    @Task(driver = Driver.DOCKER, image = "postgres:16.4", cpu = 1000, memoryMb = 2048, killTimeout = "30s",
        env = {@Env(name = "PGDATA", value = "/var/lib/postgresql/data/pgdata"), @Env(name = "POSTGRES_DB", value = "web")},
        volumeMounts = @VolumeMount(volume = "data", destination = "/var/lib/postgresql/data"))
    interface Server {}
  }
}
