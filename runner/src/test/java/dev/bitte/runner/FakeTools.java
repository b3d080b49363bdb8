package dev.bitte.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Recording stand-ins for terraform/tofu, nixos-rebuild, ssh and scp, put first on PATH. Each
 * appends "name args..." to $BITTE_FAKE_LOG and fails (exit 1, message on stderr) when that line
 * contains $BITTE_FAKE_FAIL. terraform plan exits 2 (changes) unless $BITTE_FAKE_NO_CHANGES is
 * set; `output -json` in the core workspace prints a public_ips map (core-1 → 127.0.0.1); `aws
 * autoscaling start-instance-refresh` answers with an InstanceRefreshId as the AWS CLI does.
 * Variables whose names are in $BITTE_FAKE_ENV_NAMES are logged as NAME=value to $BITTE_FAKE_LOG.env.
 */
final class FakeTools {
  private FakeTools() {}

  static final String SCRIPT = """
      #!/bin/bash
      name=$(basename "$0")
      line="$name $*"
      echo "$line" >> "$BITTE_FAKE_LOG"
      if [[ "$name" == ssh && " $* " == *" -N "* ]]; then
        exec /usr/bin/python3 "$(dirname "$0")/forwarder.py" "$@"
      fi
      for v in ${BITTE_FAKE_ENV_NAMES:-}; do
        if [[ -n "${!v:-}" ]]; then echo "$name $v=${!v}" >> "$BITTE_FAKE_LOG.env"; fi
      done
      if [[ -n "${BITTE_FAKE_FAIL:-}" && "$line" == *"$BITTE_FAKE_FAIL"* ]]; then
        echo "fake $name: simulated failure of: $line" >&2
        exit 1
      fi
      case "$name" in
        terraform|tofu)
          case " $* " in
            *" plan "*) if [[ -n "${BITTE_FAKE_NO_CHANGES:-}" ]]; then echo "No changes."; exit 0; fi; echo "Plan: 1 to add"; exit 2 ;;
            *" output -json "*)
              if [[ "$1" == */bootstrap ]]; then
                echo '{"vault_unseal_kms_key_arn":{"sensitive":false,"type":"string","value":"arn:aws:kms:eu-central-1:111122223333:key/test"}}'
              elif [[ "$1" == */core ]]; then
                echo '{"public_ips":{"sensitive":false,"type":["map","string"],"value":{"core-1":"127.0.0.1"}},"kms":{"sensitive":true,"type":"string","value":"secret-arn"}}'
              else
                echo '{}'
              fi ;;
            *) echo "ok" ;;
          esac ;;
        aws)
          case " $* " in
            *" autoscaling start-instance-refresh "*) echo '{ "InstanceRefreshId": "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b" }' ;;
            *) echo "ok" ;;
          esac ;;
        *) echo "ok" ;;
      esac
      exit 0
      """;

  /**
   * {@code ssh -N -L 127.0.0.1:<local>:<host>:<port> ...} as a real port forward, except that
   * the destination is $BITTE_FAKE_FWD_<port> (host:port of a test server) instead of <host>.
   */
  static final String FORWARDER = """
      import os, socket, sys, threading
      args = sys.argv[1:]
      listeners = []
      for i, a in enumerate(args):
          if a == '-L':
              bind, lp, host, rp = args[i + 1].split(':')
              th, tp = os.environ['BITTE_FAKE_FWD_' + rp].split(':')
              s = socket.socket()
              s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
              s.bind((bind, int(lp)))
              s.listen(16)
              listeners.append((s, th, int(tp)))
      def pipe(a, b):
          try:
              while True:
                  d = a.recv(65536)
                  if not d:
                      break
                  b.sendall(d)
          except OSError:
              pass
          finally:
              try:
                  b.shutdown(socket.SHUT_WR)
              except OSError:
                  pass
      def serve(s, th, tp):
          while True:
              c, _ = s.accept()
              u = socket.create_connection((th, tp))
              threading.Thread(target=pipe, args=(c, u), daemon=True).start()
              threading.Thread(target=pipe, args=(u, c), daemon=True).start()
      for l in listeners:
          threading.Thread(target=serve, args=l, daemon=True).start()
      threading.Event().wait()
      """;

  /** Creates {@code bin} with the given fakes. */
  static Path install(Path bin, List<String> names) throws IOException {
    Files.createDirectories(bin);
    for (String n : names) {
      Path p = bin.resolve(n);
      Files.writeString(p, SCRIPT, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(bin.resolve("forwarder.py"), FORWARDER, StandardCharsets.UTF_8);
    return bin;
  }

  static Path installAll(Path bin) throws IOException {
    return install(bin, List.of("terraform", "nixos-rebuild", "ssh", "scp", "aws"));
  }
}
