package io.palisade.allinone;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How all-in-one starts the services.
 *
 * @param bootstrapServers the Kafka every service uses
 * @param randomPorts true to bind every HTTP port to a free one instead of 8080–8084
 * @param cluster the cluster name put on the evidence
 * @param webhookUrl where the alert notifier delivers incidents
 * @param stateDir where Kafka Streams keeps its state stores
 * @param serviceProperties extra properties for every service (highest precedence)
 */
record LaunchSettings(
    String bootstrapServers,
    boolean randomPorts,
    String cluster,
    URI webhookUrl,
    Path stateDir,
    Map<String, String> serviceProperties) {

  List<String> argumentsFor(PalisadeService service) {
    List<String> args = new java.util.ArrayList<>();
    args.add("--server.port=" + (randomPorts ? 0 : service.defaultPort()));
    args.add("--server.address=127.0.0.1");
    args.add("--palisade.kafka.bootstrap-servers=" + bootstrapServers);
    args.add("--palisade.cluster=" + cluster);
    args.add("--spring.main.banner-mode=off");
    args.add("--spring.main.log-startup-info=false");
    switch (service) {
      case ALERT_NOTIFIER -> args.add("--palisade.notifier.webhook.url=" + webhookUrl);
      case CORRELATION_ENGINE -> args.add("--palisade.streams.state-dir=" + stateDir);
      default -> {}
    }
    // all-in-one listens on 127.0.0.1 for a person's laptop or a test cluster: plain HTTP and no
    // caller authentication, unless the command line asks for them
    defaults("palisade.intake.tls.enabled", "false", args);
    defaults("palisade.intake.auth.mode", "none", args);
    serviceProperties.forEach((name, value) -> args.add("--" + name + "=" + value));
    return args;
  }

  private void defaults(String name, String value, List<String> args) {
    if (!serviceProperties.containsKey(name)) {
      args.add("--" + name + "=" + value);
    }
  }
}
