package io.palisade.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository the deployment files live in. Tests run with the module directory as working
 * directory (Surefire's default), so the repository is its parent; the files are read where they
 * are, never copied, so that a test always checks what is committed.
 */
final class Repository {

  private static final Path ROOT = findRoot();

  private Repository() {}

  /** The repository's root directory. */
  static Path root() {
    return ROOT;
  }

  static Path path(String relative) {
    Path path = ROOT.resolve(relative).normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException("missing in the repository: " + relative);
    }
    return path;
  }

  private static Path findRoot() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null
        || !Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("k8s"))) {
      throw new IllegalStateException(
          "deploy-tests must run from its module directory inside the repository, not " + module);
    }
    return root;
  }
}
