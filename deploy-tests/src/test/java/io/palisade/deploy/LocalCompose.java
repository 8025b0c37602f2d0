package io.palisade.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml's services as local processes instead of containers, changing only what a
 * container would provide and a local process cannot have:
 *
 * <ul>
 *   <li>addresses: every {@code <service>:<container port>} (and Kafka's advertised {@code
 *       kafka:9092}) becomes {@code 127.0.0.1:<free port>}; a service listens on that port through
 *       {@code SERVER_PORT} and on 127.0.0.1 only through {@code SERVER_ADDRESS};
 *   <li>paths: the image's and the compose file's volumes and tmpfs mounts become directories under
 *       a work directory, bind mounts the repository files they mount, and the files the Dockerfile
 *       copies into the image ({@code /app/app.jar}, {@code /app/healthcheck}) the repository files
 *       it copies;
 *   <li>the JVM: the image's {@code JDK_JAVA_OPTIONS} without the flags that size the heap from the
 *       container's memory limit (there is none here), with the test's options instead (a fixed
 *       small heap); {@code java} is the JVM running the test and {@code python} the host's {@code
 *       python3}.
 * </ul>
 *
 * The environment is otherwise exactly the image's {@code ENV} plus the service's {@code
 * environment}, with compose's interpolation ({@code ${VAR:-default}} as with no {@code .env} file,
 * {@code $$}). A value that still names a compose service after the rewriting is an error: nothing
 * is left pointing at a host name that does not exist here.
 */
final class LocalCompose {

  static final String LOOPBACK = "127.0.0.1";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|h|m|s)");
  private static final Pattern INTERPOLATION =
      Pattern.compile("\\$\\$|\\$\\{(\\w+)(?:(:?-)([^}]*))?}|\\$(\\w+)");
  private static final Pattern CONTAINER_SIZING =
      Pattern.compile("-XX:(Max|Min|Initial)RAMPercentage=\\S+");

  private final JsonNode services;
  private final ContainerImage image;
  private final String version;
  private final Path workDir;
  private final String jvmOptions;
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private final Map<String, int[]> ports = new LinkedHashMap<>();
  private final Pattern serviceReference;

  /**
   * @param compose docker-compose.yml as a tree
   * @param image deploy/images/Dockerfile, the image of every Palisade service
   * @param version the project version, the Dockerfile's {@code VERSION}
   * @param workDir where volumes, tmpfs mounts and logs go
   * @param kafkaBootstrap the test's broker, in place of Kafka's advertised listener
   * @param jvmOptions what replaces the container sizing flags in {@code JDK_JAVA_OPTIONS}, e.g.
   *     {@code -Xmx384m}
   */
  LocalCompose(
      JsonNode compose,
      ContainerImage image,
      String version,
      Path workDir,
      String kafkaBootstrap,
      String jvmOptions) {
    this.services = compose.path("services");
    this.image = image;
    this.version = version;
    this.workDir = workDir;
    this.jvmOptions = jvmOptions;
    String advertised =
        stringOf(services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS"));
    addresses.put(advertised.substring(advertised.indexOf("://") + 3), kafkaBootstrap);
    List<String> names = new ArrayList<>();
    services.propertyNames().forEach(names::add);
    serviceReference =
        Pattern.compile(
            "(?<![\\w.-])("
                + names.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + "):\\d+");
  }

  /** A command to run, with its whole environment and working directory. */
  record LocalCommand(List<String> command, Map<String, String> environment, Path directory) {}

  /**
   * A compose health check as a local command, with the time compose gives a service to become
   * healthy ({@code start_period + interval × retries}) and one check ({@code timeout}).
   */
  record Healthcheck(LocalCommand command, Duration timeout, Duration budget) {}

  /** The container port of a service's first {@code ports} entry ({@code [ip:]host:container}). */
  int containerPort(String service) {
    String mapping = stringOf(services.path(service).path("ports").path(0));
    if (mapping.isEmpty()) {
      throw new IllegalArgumentException(service + " publishes no port");
    }
    return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).split("/")[0]);
  }

  /**
   * Gives {@code service}'s {@code containerPort} a free port on 127.0.0.1: {@code
   * <service>:<containerPort>} means {@code 127.0.0.1:<that port>} from now on.
   */
  int publish(String service, int containerPort) {
    int hostPort = freePort();
    ports.put(service, new int[] {containerPort, hostPort});
    addresses.put(service + ":" + containerPort, LOOPBACK + ":" + hostPort);
    return hostPort;
  }

  int hostPort(String service) {
    return portsOf(service)[1];
  }

  /** A Palisade service: the image's entrypoint with the image's and the service's environment. */
  LocalCommand palisadeService(String service) {
    Map<String, String> paths = paths(service, true);
    Map<String, String> environment = new LinkedHashMap<>(image.environment());
    environment.putAll(composeEnvironment(service));
    environment.computeIfPresent(
        "JDK_JAVA_OPTIONS",
        (key, options) ->
            (CONTAINER_SIZING.matcher(options).replaceAll("").trim() + " " + jvmOptions).trim());
    environment.replaceAll((key, value) -> localValue(service, key, value, paths));
    environment.put("SERVER_PORT", String.valueOf(hostPort(service)));
    environment.put("SERVER_ADDRESS", LOOPBACK);
    return command(service, image.entrypoint(), environment, paths, image.workdir());
  }

  /**
   * A service that runs a public image ({@code demo-inbox}, {@code demo-replay}): its {@code
   * entrypoint} and {@code command} with its {@code environment}, plus {@code extra} (settings the
   * image or a container would give, e.g. the port to listen on). Values of {@code extra} may be
   * container paths; they are mapped like the rest.
   */
  LocalCommand demoService(String service, Map<String, String> extra) {
    Map<String, String> paths = paths(service, false);
    List<String> command = new ArrayList<>();
    services
        .path(service)
        .path("entrypoint")
        .valueStream()
        .map(LocalCompose::stringOf)
        .forEach(command::add);
    services
        .path(service)
        .path("command")
        .valueStream()
        .map(LocalCompose::stringOf)
        .forEach(command::add);
    Map<String, String> environment = new LinkedHashMap<>(composeEnvironment(service));
    environment.putAll(extra);
    environment.replaceAll((key, value) -> localValue(service, key, value, paths));
    return command(service, command, environment, paths, "/");
  }

  /** The service's compose health check ({@code CMD} or {@code CMD-SHELL}) run locally. */
  Healthcheck healthcheck(String service, boolean palisadeImage) {
    JsonNode healthcheck = services.path(service).path("healthcheck");
    List<String> test = new ArrayList<>();
    healthcheck.path("test").valueStream().map(LocalCompose::stringOf).forEach(test::add);
    List<String> command =
        switch (test.isEmpty() ? "" : test.get(0)) {
          case "CMD" -> test.subList(1, test.size());
          case "CMD-SHELL" -> List.of("sh", "-c", String.join(" ", test.subList(1, test.size())));
          default -> throw new IllegalArgumentException(service + " has no health check command");
        };
    int[] port = portsOf(service);
    List<String> ownPort = new ArrayList<>();
    for (String argument : command) {
      ownPort.add(
          argument.equals(String.valueOf(port[0]))
              ? String.valueOf(port[1])
              : argument.replaceAll(
                  "(127\\.0\\.0\\.1|localhost):" + port[0] + "\\b", LOOPBACK + ":" + port[1]));
    }
    Map<String, String> paths = paths(service, palisadeImage);
    Duration interval = duration(healthcheck.path("interval"), Duration.ofSeconds(30));
    int retries = healthcheck.path("retries").isInt() ? healthcheck.path("retries").intValue() : 3;
    return new Healthcheck(
        command(service, ownPort, new LinkedHashMap<>(), paths, "/"),
        duration(healthcheck.path("timeout"), Duration.ofSeconds(30)),
        duration(healthcheck.path("start_period"), Duration.ZERO)
            .plus(interval.multipliedBy(retries)));
  }

  /** The local directory or file for a container path of a service (a mount or an image file). */
  Path hostPath(String service, String containerPath, boolean palisadeImage) {
    String path = paths(service, palisadeImage).get(containerPath);
    if (path == null) {
      throw new IllegalArgumentException(service + " mounts nothing at " + containerPath);
    }
    return Path.of(path);
  }

  /** Compose interpolation as with no {@code .env} file and none of the variables set. */
  static String interpolate(String value) {
    Matcher matcher = INTERPOLATION.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$$")) {
        replacement = "$";
      } else if (matcher.group(2) != null) {
        replacement = matcher.group(3);
      } else {
        throw new IllegalArgumentException(
            "compose would take " + matcher.group() + " from the host's environment: " + value);
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(result).toString();
  }

  /** {@code value} with every known address replaced; a compose host name left over is an error. */
  String rewriteAddresses(String value) {
    String rewritten = value;
    for (Map.Entry<String, String> address : addresses.entrySet()) {
      rewritten =
          rewritten.replaceAll(
              "(?<![\\w.-])" + Pattern.quote(address.getKey()) + "(?!\\d)",
              Matcher.quoteReplacement(address.getValue()));
    }
    Matcher leftOver = serviceReference.matcher(rewritten);
    if (leftOver.find()) {
      throw new IllegalStateException(
          leftOver.group() + " (in " + value + ") has no local address: publish it first");
    }
    return rewritten;
  }

  private Map<String, String> composeEnvironment(String service) {
    JsonNode node = services.path(service).path("environment");
    Map<String, String> environment = new LinkedHashMap<>();
    if (node.isArray()) {
      node.valueStream()
          .map(LocalCompose::stringOf)
          .forEach(
              entry ->
                  environment.put(
                      entry.substring(0, entry.indexOf('=')),
                      entry.substring(entry.indexOf('=') + 1)));
    } else {
      node.properties()
          .forEach(entry -> environment.put(entry.getKey(), stringOf(entry.getValue())));
    }
    environment.replaceAll((key, value) -> interpolate(value));
    return environment;
  }

  private String localValue(String service, String key, String value, Map<String, String> paths) {
    try {
      return rewriteAddresses(rewritePaths(value, paths));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(service + "'s " + key + ": " + e.getMessage(), e);
    }
  }

  private LocalCommand command(
      String service,
      List<String> command,
      Map<String, String> environment,
      Map<String, String> paths,
      String workdir) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException(service + " has no command to run");
    }
    List<String> local = new ArrayList<>();
    for (String argument : command) {
      local.add(rewriteAddresses(rewritePaths(argument, paths)));
    }
    local.set(0, executable(local.get(0)));
    Map<String, String> withPath = new LinkedHashMap<>(environment);
    withPath.putIfAbsent("PATH", System.getenv("PATH"));
    String directory = paths.getOrDefault(workdir, workDir.resolve(service).toString());
    return new LocalCommand(List.copyOf(local), withPath, Path.of(directory));
  }

  private static String executable(String name) {
    return switch (name) {
      case "java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
      case "python" -> "python3";
      default -> name;
    };
  }

  /**
   * Container path → local path for one service: the image's volumes and copied files (Palisade
   * images), then the compose file's tmpfs mounts and volumes (named volumes shared by name, bind
   * mounts from the repository).
   */
  private Map<String, String> paths(String service, boolean palisadeImage) {
    Map<String, String> paths = new LinkedHashMap<>();
    if (palisadeImage) {
      for (String volume : image.volumes()) {
        paths.put(volume, directory(workDir.resolve(service).resolve(volume.substring(1))));
      }
      for (String containerPath : image.copies().keySet()) {
        paths.put(
            containerPath, image.repositoryFileAt(containerPath, service, version).toString());
      }
    }
    for (JsonNode tmpfs : services.path(service).path("tmpfs")) {
      String path = stringOf(tmpfs).split(":")[0];
      paths.put(path, directory(workDir.resolve(service).resolve(path.substring(1))));
    }
    for (JsonNode volume : services.path(service).path("volumes")) {
      String[] parts = stringOf(volume).split(":");
      String source = parts[0];
      paths.put(
          parts[1],
          source.startsWith(".") || source.startsWith("/")
              ? Repository.root().resolve(source).normalize().toString()
              : directory(workDir.resolve("volumes").resolve(source)));
    }
    return paths;
  }

  /**
   * Container paths at the start of a value or of an option's value ({@code -Dx=/tmp}), in one
   * pass, so that a local path is never rewritten again (a work directory under {@code /tmp}).
   */
  private static String rewritePaths(String value, Map<String, String> paths) {
    if (paths.isEmpty()) {
      return value;
    }
    String alternatives =
        paths.keySet().stream()
            .sorted(Comparator.comparing(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    return Pattern.compile("(?<=^|[=\\s])(" + alternatives + ")(?=$|[/\\s])")
        .matcher(value)
        .replaceAll(match -> Matcher.quoteReplacement(paths.get(match.group(1))));
  }

  private int[] portsOf(String service) {
    int[] port = ports.get(service);
    if (port == null) {
      throw new IllegalStateException(service + " has no published port yet");
    }
    return port;
  }

  private static String directory(Path path) {
    try {
      return Files.createDirectories(path).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A compose duration ({@code 1m30s}, {@code 500ms}); {@code fallback} when unset. */
  static Duration duration(JsonNode node, Duration fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    Matcher part = DURATION.matcher(stringOf(node));
    Duration total = Duration.ZERO;
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
              });
    }
    return total;
  }

  private static String stringOf(JsonNode node) {
    return node.isString() ? node.stringValue() : node.isMissingNode() ? "" : node.toString();
  }
}
