package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one Dockerfile of every service image: non-root with the UID the compose file and the
 * Kubernetes pods run as, writable paths as volumes, the JVM sized from the container, OCI labels,
 * and a jar path that each service's build really produces.
 */
class ContainerImageTest {

  private final String dockerfile = read("deploy/images/Dockerfile");

  @Test
  void runsAsTheFixedNonRootUserEveryDeploymentExpects() {
    Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
    assertThat(user.find()).isTrue();
    int uid = Integer.parseInt(user.group(1));

    assertThat(uid).isGreaterThanOrEqualTo(10000);
    for (PalisadeService service : PalisadeService.ALL) {
      assertThat(
              Yaml.single(Repository.path("docker-compose.yml"))
                  .path("services")
                  .path(service.name())
                  .path("user")
                  .stringValue(""))
          .isEqualTo(uid + ":" + user.group(2));
      for (String kustomization : Manifests.KUSTOMIZATIONS) {
        assertThat(
                WorkloadsTest.pod(Manifests.of(kustomization).get("Deployment", service.name()))
                    .path("securityContext")
                    .path("runAsUser")
                    .intValue())
            .isEqualTo(uid);
      }
    }
  }

  @Test
  void writablePathsAreVolumesAndTheJvmFollowsTheContainerLimit() {
    assertThat(dockerfile)
        .contains("VOLUME [\"/tmp\", \"/var/lib/palisade/streams\"]")
        .contains("-XX:MaxRAMPercentage=")
        .contains("-XX:+ExitOnOutOfMemoryError")
        .contains("-Djava.io.tmpdir=/tmp")
        .contains("PALISADE_STREAMS_STATE_DIR=/var/lib/palisade/streams")
        .contains("--chmod=0444");
  }

  @Test
  void carriesTheOciLabels() {
    for (String label :
        List.of("source", "version", "revision", "created", "licenses", "title", "description")) {
      assertThat(dockerfile).contains("org.opencontainers.image." + label + "=");
    }
    assertThat(dockerfile).contains("org.opencontainers.image.licenses=\"Apache-2.0\"");
    assertThat(read("pom.xml")).contains("<name>Apache-2.0</name>");
  }

  @Test
  void copiesTheRunnableJarEveryServiceBuilds() {
    assertThat(dockerfile).contains("${SERVICE}/target/${SERVICE}-${VERSION}-exec.jar");
    for (PalisadeService service : PalisadeService.ALL) {
      assertThat(read(service.name() + "/pom.xml"))
          .as(service.name() + " repackages to *-exec.jar")
          .contains("<classifier>exec</classifier>");
    }
    assertThat(read("deploy/images/build.sh"))
        .contains("rewrite-timestamp=true")
        .contains("SOURCE_DATE_EPOCH");
    assertThat(read("pom.xml")).contains("<project.build.outputTimestamp>");
  }

  private static String read(String path) {
    try {
      return Files.readString(Repository.path(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
