package io.palisade.allinone;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The five running services; closing stops them in reverse start order. */
final class RunningPalisade implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningPalisade.class);

  private final Map<PalisadeService, ConfigurableApplicationContext> contexts =
      new EnumMap<>(PalisadeService.class);

  /** Starts every service in order; if one fails, those already started are stopped. */
  static RunningPalisade start(LaunchSettings settings) {
    RunningPalisade running = new RunningPalisade();
    try {
      for (PalisadeService service : PalisadeService.values()) {
        List<String> args = settings.argumentsFor(service);
        ConfigurableApplicationContext context =
            service.newBuilder().registerShutdownHook(false).run(args.toArray(String[]::new));
        running.contexts.put(service, context);
        log.info("{} listening on {}", service.serviceName(), running.baseUri(service));
      }
      return running;
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>} of a service. */
  URI baseUri(PalisadeService service) {
    ConfigurableApplicationContext context = contexts.get(service);
    if (!(context instanceof WebServerApplicationContext web)) {
      throw new IllegalStateException(service.serviceName() + " is not running");
    }
    return URI.create("http://127.0.0.1:" + web.getWebServer().getPort());
  }

  @Override
  public void close() {
    List<PalisadeService> started = new ArrayList<>(contexts.keySet());
    Collections.reverse(started);
    for (PalisadeService service : started) {
      try {
        contexts.remove(service).close();
      } catch (RuntimeException e) {
        log.warn("stopping {} failed: {}", service.serviceName(), e.toString());
      }
    }
  }
}
