package dev.bitte.runner.nomad;

import dev.bitte.runner.Env;
import dev.bitte.runner.health.Tls;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How to reach Nomad, read like the nomad CLI reads it: NOMAD_ADDR (default
 * http://127.0.0.1:4646), NOMAD_TOKEN (sent as X-Nomad-Token), NOMAD_CACERT, NOMAD_CLIENT_CERT +
 * NOMAD_CLIENT_KEY, NOMAD_NAMESPACE (the namespace for a job whose artifact names none).
 */
public record NomadConfig(String address, String token, String tokenSource, String caCert, String clientCert, String clientKey,
    String namespace, Duration timeout, Duration pollInterval, Duration maxWait) {
  public static final String DEFAULT_ADDR = "http://127.0.0.1:4646";

  public static NomadConfig from(Env env, String addrFlag, String fallbackToken, String fallbackTokenSource,
      Duration timeout, Duration poll, Duration wait) {
    String addr = addrFlag != null ? addrFlag : env.get("NOMAD_ADDR", DEFAULT_ADDR);
    String token = env.get("NOMAD_TOKEN");
    String source = "NOMAD_TOKEN";
    if (token == null && fallbackToken != null) {
      token = fallbackToken;
      source = fallbackTokenSource;
    }
    if (token == null) {
      source = "none";
    }
    return new NomadConfig(addr.endsWith("/") ? addr.substring(0, addr.length() - 1) : addr, token, source,
        env.get("NOMAD_CACERT"), env.get("NOMAD_CLIENT_CERT"), env.get("NOMAD_CLIENT_KEY"),
        env.get("NOMAD_NAMESPACE", "default"), timeout, poll, wait);
  }

  SSLContext sslContext(Env env) {
    if (caCert == null && clientCert == null) {
      return null;
    }
    return Tls.context(caCert == null ? null : env.resolve(caCert), clientCert == null ? null : env.resolve(clientCert),
        clientKey == null ? null : env.resolve(clientKey));
  }
}
