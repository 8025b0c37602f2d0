package io.palisade.correlation.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One rule file's text and where it came from, so that rule sets can be assembled from directories,
 * the classpath or tests alike, and compared by content for reloading.
 *
 * @param source the path or resource name, used in error messages
 * @param text the YAML
 */
public record RuleFile(String source, String text) {

  /**
   * Every {@code *.yml} and {@code *.yaml} file under {@code directory}, in path order.
   *
   * @throws SigmaRuleSetException when the directory cannot be listed or a file cannot be read
   */
  public static List<RuleFile> readDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new SigmaRuleSetException(
          List.of(new SigmaRuleException(directory.toString(), null, 0, "not a directory")));
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths =
          walk.filter(Files::isRegularFile)
              .filter(path -> isRuleFile(path.getFileName().toString()))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new SigmaRuleSetException(
          List.of(
              new SigmaRuleException(
                  directory.toString(), null, 0, "cannot list: " + e.getMessage())));
    }
    List<RuleFile> files = new ArrayList<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    for (Path path : paths) {
      try {
        files.add(new RuleFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        errors.add(new SigmaRuleException(path.toString(), null, 0, "cannot read: " + e));
      }
    }
    if (!errors.isEmpty()) {
      throw new SigmaRuleSetException(errors);
    }
    return files;
  }

  /** Whether a file name is a rule file's ({@code .yml} or {@code .yaml}). */
  public static boolean isRuleFile(String fileName) {
    return fileName.endsWith(".yml") || fileName.endsWith(".yaml");
  }
}
