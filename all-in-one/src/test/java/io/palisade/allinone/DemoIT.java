package io.palisade.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's run command: {@code --demo} prints one incident with the four pieces of evidence.
 */
class DemoIT {

  @Test
  void demoPrintsTheIncidentAndSucceeds() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    int exitCode =
        new AllInOne(AllInOneOptions.parse("--demo", "--random-ports", "--demo-timeout=90"), out)
            .runDemo();

    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).as(printed).isZero();
    assertThat(printed)
        .contains("INCIDENT ")
        .containsPattern("\\d+ signals, in time order")
        .contains("actor alice")
        .contains("pod shop/web-7d9f")
        .contains("Falco: Interactive Shell In A Container")
        .contains("(denied)");
    assertThat(printed.indexOf("ADMISSION"))
        .isGreaterThan(0)
        .isLessThan(printed.indexOf("RUNTIME"));
  }
}
