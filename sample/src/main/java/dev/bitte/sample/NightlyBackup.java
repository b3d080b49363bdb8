package dev.bitte.sample;

import dev.bitte.Driver;
import dev.bitte.Env;
import dev.bitte.Group;
import dev.bitte.Job;
import dev.bitte.JobType;
import dev.bitte.Service;
import dev.bitte.Port;
import dev.bitte.Task;
import dev.bitte.Upstream;

/** Dumps the database to S3 at 03:00 UTC every night, reaching it through the mesh. */
@Job(cluster = MyTestnet.class, namespace = "apps", type = JobType.BATCH, datacenters = "eu-central-1",
    periodic = "0 3 * * *")
public interface NightlyBackup {
  @Group(nodeClass = "general",
      ports = @Port(label = "proxy"),
      services = @Service(name = "nightly-backup", port = "proxy", upstreams = @Upstream(service = "db", localPort = 6432)))
  interface Dump {
    @Task(driver = Driver.DOCKER, image = "postgres:16.4", command = "/bin/sh",
        args = {"-c", "pg_dump -h 127.0.0.1 -p 6432 web | gzip > ${NOMAD_ALLOC_DIR}/web.sql.gz && aws s3 cp ${NOMAD_ALLOC_DIR}/web.sql.gz s3://my-testnet-backups/web/$(date +%F).sql.gz"},
        cpu = 500, memoryMb = 512, env = @Env(name = "PGUSER", value = "backup"))
    interface PgDump {}
  }
}
