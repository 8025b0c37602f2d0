package io.palisade.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What deploy/images/Dockerfile puts into every service image, read from the file: the environment
 * ({@code ENV}), the volumes, the files it copies from the repository, the working directory and
 * the entrypoint. ComposeDemoIT runs a service the way its image would, from these.
 *
 * @param environment every {@code ENV} variable, in order
 * @param volumes the {@code VOLUME} paths
 * @param copies container path → repository path as written, with the build arguments {@code
 *     ${SERVICE}} and {@code ${VERSION}} unresolved
 * @param workdir the last {@code WORKDIR}
 * @param entrypoint the exec-form {@code ENTRYPOINT}
 */
record ContainerImage(
    Map<String, String> environment,
    List<String> volumes,
    Map<String, String> copies,
    String workdir,
    List<String> entrypoint) {

  private static final Pattern ASSIGNMENT = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|(\\S+))");

  static ContainerImage of(Path dockerfile) {
    Map<String, String> environment = new LinkedHashMap<>();
    List<String> volumes = new ArrayList<>();
    Map<String, String> copies = new LinkedHashMap<>();
    String workdir = "/";
    List<String> entrypoint = List.of();
    for (String instruction : instructions(dockerfile)) {
      String keyword = instruction.split("\\s+", 2)[0];
      String arguments = instruction.substring(keyword.length()).trim();
      switch (keyword) {
        case "ENV" -> {
          Matcher assignment = ASSIGNMENT.matcher(arguments);
          while (assignment.find()) {
            environment.put(
                assignment.group(1),
                assignment.group(2) != null ? assignment.group(2) : assignment.group(3));
          }
        }
        case "VOLUME" -> volumes.addAll(jsonArray(dockerfile, arguments));
        case "COPY" -> {
          List<String> paths = new ArrayList<>();
          for (String token : arguments.split("\\s+")) {
            if (!token.startsWith("--")) {
              paths.add(token);
            }
          }
          if (paths.size() != 2) {
            throw new IllegalArgumentException(
                dockerfile + ": expected COPY <source> <destination>, not COPY " + arguments);
          }
          copies.put(paths.get(1), paths.get(0));
        }
        case "WORKDIR" -> workdir = arguments;
        case "ENTRYPOINT" -> entrypoint = jsonArray(dockerfile, arguments);
        default -> {
          // FROM, ARG, LABEL, RUN, USER: nothing a process outside a container can take over
        }
      }
    }
    return new ContainerImage(environment, volumes, copies, workdir, entrypoint);
  }

  /** The repository file the image holds at {@code containerPath} for one service's image. */
  Path repositoryFileAt(String containerPath, String service, String version) {
    String source = copies.get(containerPath);
    if (source == null) {
      throw new IllegalArgumentException("the image copies nothing to " + containerPath);
    }
    return Repository.root()
        .resolve(source.replace("${SERVICE}", service).replace("${VERSION}", version))
        .normalize();
  }

  private static List<String> instructions(Path dockerfile) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    try {
      for (String line : Files.readAllLines(dockerfile)) {
        if (current.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("#"))) {
          continue;
        }
        if (line.endsWith("\\")) {
          current.append(line, 0, line.length() - 1).append(' ');
        } else {
          instructions.add(current.append(line).toString().trim());
          current.setLength(0);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return instructions;
  }

  private static List<String> jsonArray(Path dockerfile, String text) {
    List<String> values = new ArrayList<>();
    try {
      Yaml.JSON.readTree(text).valueStream().forEach(value -> values.add(value.stringValue()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(dockerfile + ": not an exec-form JSON array: " + text, e);
    }
    return values;
  }
}
