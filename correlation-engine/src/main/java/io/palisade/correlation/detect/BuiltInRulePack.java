package io.palisade.correlation.detect;

import io.palisade.correlation.sigma.RuleFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The built-in Sigma rule pack: every {@code *.yml}/{@code *.yaml} under {@code rules/} on the
 * classpath (in the module's resources, so also inside the executable jar), ordered by path. An
 * empty or missing pack is allowed.
 */
public final class BuiltInRulePack {

  static final String LOCATION = "rules/";

  private BuiltInRulePack() {}

  /** The pack's files, in path order. */
  public static List<RuleFile> read(ClassLoader classLoader) {
    PathMatchingResourcePatternResolver resolver =
        new PathMatchingResourcePatternResolver(classLoader);
    List<RuleFile> files = new ArrayList<>();
    try {
      List<Resource> resources = new ArrayList<>();
      for (String pattern : List.of("**/*.yml", "**/*.yaml")) {
        resources.addAll(List.of(resolver.getResources("classpath*:" + LOCATION + pattern)));
      }
      resources.sort(Comparator.comparing(BuiltInRulePack::name));
      for (Resource resource : resources) {
        if (resource.isReadable()) {
          files.add(
              new RuleFile(
                  "classpath:" + name(resource),
                  resource.getContentAsString(StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in rule pack", e);
    }
    return files;
  }

  private static String name(Resource resource) {
    try {
      String url = resource.getURL().toString();
      int at = url.lastIndexOf("/" + LOCATION);
      return at >= 0 ? url.substring(at + 1) : url;
    } catch (IOException e) {
      return String.valueOf(resource.getFilename());
    }
  }
}
