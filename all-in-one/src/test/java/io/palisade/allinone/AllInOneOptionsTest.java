package io.palisade.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AllInOneOptionsTest {

  @Test
  void defaultsToTheDocumentedPortsAndAPersistentDataDir() {
    AllInOneOptions options = AllInOneOptions.parse();

    assertThat(options.demo()).isFalse();
    assertThat(options.kafkaPort()).isEqualTo(9092);
    assertThat(options.inboxPort()).isEqualTo(8085);
    assertThat(options.dataDir()).isEqualTo(Path.of("palisade-data"));
    assertThat(options.cluster()).isEqualTo("default");
  }

  @Test
  void demoUsesATemporaryDataDirAndTheDemoCluster() {
    AllInOneOptions options = AllInOneOptions.parse("--demo");

    assertThat(options.dataDir()).isNull();
    assertThat(options.cluster()).isEqualTo("demo");
  }

  @Test
  void randomPortsFreeEveryFixedPort() {
    AllInOneOptions options = AllInOneOptions.parse("--random-ports", "--kafka-port=9999");

    assertThat(options.kafkaPort()).isZero();
    assertThat(options.inboxPort()).isZero();
  }

  @Test
  void passesServicePropertiesThrough() {
    AllInOneOptions options =
        AllInOneOptions.parse(
            "--palisade.topics.audit=acme.audit", "--logging.level.io.palisade=DEBUG");

    assertThat(options.serviceProperties())
        .containsEntry("palisade.topics.audit", "acme.audit")
        .containsEntry("logging.level.io.palisade", "DEBUG");
  }

  @Test
  void rejectsUnknownOptionsAndBadPortsByName() {
    assertThatThrownBy(() -> AllInOneOptions.parse("--demmo"))
        .hasMessageContaining("unknown option --demmo");
    assertThatThrownBy(() -> AllInOneOptions.parse("--kafka-port=http"))
        .hasMessageContaining("--kafka-port needs a whole number");
    assertThatThrownBy(() -> AllInOneOptions.parse("--inbox-port=70000"))
        .hasMessageContaining("from 0 to 65535");
  }
}
