package io.palisade.correlation.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.correlation.sigma.RuleFile;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in pack is read from {@code rules/} on the classpath, from directories and jars. */
class BuiltInRulePackTest {

  @Test
  void readsRuleFilesUnderRulesInPathOrder(@TempDir Path dir) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules/audit"));
    Files.writeString(rules.resolve("b.yml"), "title: B");
    Files.writeString(rules.resolve("a.yaml"), "title: A");
    Files.writeString(rules.resolve("notes.md"), "not a rule");
    Files.writeString(dir.resolve("elsewhere.yml"), "title: not in rules/");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      List<RuleFile> files = BuiltInRulePack.read(loader);

      assertThat(files)
          .extracting(RuleFile::source)
          .containsExactly("classpath:rules/audit/a.yaml", "classpath:rules/audit/b.yml");
      assertThat(files.get(1).text()).isEqualTo("title: B");
    }
  }

  @Test
  void readsRuleFilesFromAJar(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("pack.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("rules/"));
      out.closeEntry();
      out.putNextEntry(new JarEntry("rules/x.yml"));
      out.write("title: X".getBytes());
      out.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(BuiltInRulePack.read(loader))
          .extracting(RuleFile::source)
          .containsExactly("classpath:rules/x.yml");
    }
  }

  @Test
  void noPackIsAnEmptyPack(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThat(BuiltInRulePack.read(loader)).isEmpty();
    }
  }
}
