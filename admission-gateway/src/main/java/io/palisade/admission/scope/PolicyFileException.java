package io.palisade.admission.scope;

/**
 * A policy file that cannot be used. The message names the file, where in it the problem is (a path
 * such as {@code exemptions[2].expires}, empty for the whole file) and what is wrong.
 */
public final class PolicyFileException extends RuntimeException {

  private final String file;
  private final String path;
  private final String problem;

  public PolicyFileException(String file, String path, String problem) {
    super(file + (path.isEmpty() ? "" : ": " + path) + ": " + problem);
    this.file = file;
    this.path = path;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public String problem() {
    return problem;
  }
}
