package io.palisade.benchmarks.load;

import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An ingester started in this JVM as its own Spring context (as all-in-one runs it), on a free port
 * of 127.0.0.1, publishing to the given broker. Closing stops it.
 */
public final class RunningIngester implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private RunningIngester(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /**
   * @param builder the service's {@code XxxApplication.builder()}
   * @param extraArguments further {@code --property=value} arguments
   */
  public static RunningIngester start(
      SpringApplicationBuilder builder, String bootstrapServers, String... extraArguments) {
    String[] base = {
      "--server.port=0",
      "--server.address=127.0.0.1",
      "--palisade.kafka.bootstrap-servers=" + bootstrapServers,
      "--spring.main.banner-mode=off",
    };
    String[] args = new String[base.length + extraArguments.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extraArguments, 0, args, base.length, extraArguments.length);
    ConfigurableApplicationContext context = builder.registerShutdownHook(false).run(args);
    if (!(context instanceof WebServerApplicationContext web)) {
      context.close();
      throw new IllegalStateException("the ingester started without a web server");
    }
    return new RunningIngester(context, web.getWebServer().getPort());
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** {@code https://127.0.0.1:<port><path>}, for a service started with TLS. */
  public URI httpsUri(String path) {
    return URI.create("https://127.0.0.1:" + port + path);
  }

  /** A bean of the running service, e.g. its {@code MeterRegistry}. */
  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
