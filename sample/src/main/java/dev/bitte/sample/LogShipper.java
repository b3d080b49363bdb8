package dev.bitte.sample;

import dev.bitte.ChangeMode;
import dev.bitte.Driver;
import dev.bitte.Group;
import dev.bitte.Job;
import dev.bitte.JobType;
import dev.bitte.NetworkMode;
import dev.bitte.Port;
import dev.bitte.Protocol;
import dev.bitte.Task;
import dev.bitte.Template;

/**
 * Vector on every client, shipping the Nomad allocations' logs to the monitoring node's Loki,
 * taking syslog over UDP on the static port 5514 and exposing its own metrics on the static port
 * 9598 of each client (both opened to the fleet's VPCs in the clients' security groups and
 * firewalls, UDP for syslog, for other services to send to and the monitoring node to scrape).
 */
@Job(cluster = MyTestnet.class, namespace = "ops", type = JobType.SYSTEM, priority = 90)
public interface LogShipper {
  @Group(network = NetworkMode.HOST,
      ports = {@Port(label = "metrics", value = 9598), @Port(label = "syslog", value = 5514, protocol = Protocol.UDP)})
  interface Vector {
    @Task(driver = Driver.DOCKER, image = "timberio/vector:0.41.1-debian", args = {"--config", "/local/vector.toml"}, ports = {"metrics", "syslog"},
        cpu = 200, memoryMb = 256,
        templates = @Template(destination = "local/vector.toml", changeMode = ChangeMode.SIGNAL, changeSignal = "SIGHUP",
            data = "[sources.internal]\ntype = \"internal_metrics\"\n\n"
                + "[sinks.prometheus]\ntype = \"prometheus_exporter\"\ninputs = [\"internal\"]\naddress = \"0.0.0.0:9598\"\n\n"
                + "[sources.nomad]\ntype = \"file\"\ninclude = [\"/var/lib/nomad/alloc/*/alloc/logs/*.std*.0\"]\n\n"
                + "[sources.syslog]\ntype = \"syslog\"\nmode = \"udp\"\naddress = \"0.0.0.0:5514\"\n\n"
                + "[sinks.loki]\ntype = \"loki\"\ninputs = [\"nomad\", \"syslog\"]\nendpoint = \"http://monitoring.testnet.example.com:3100\"\n"
                + "labels.host = \"{{ env \"node.unique.name\" }}\"\n"
                + "encoding.codec = \"json\"\n"))
    interface Agent {}
  }
}
