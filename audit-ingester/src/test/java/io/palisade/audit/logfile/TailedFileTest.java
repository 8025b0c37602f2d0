package io.palisade.audit.logfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailedFileTest {

  @TempDir Path dir;

  @Test
  void returnsCompleteLinesWithTheirOffsetsAndKeepsBackAPartialOne() throws IOException {
    Path file = write("first\nsecond\r\nthi");
    try (TailedFile tailed = TailedFile.open(file, 0, 100).orElseThrow()) {
      List<LogLine> lines = tailed.read(10);

      assertThat(lines).extracting(TailedFileTest::text).containsExactly("first", "second");
      assertThat(lines).extracting(LogLine::offset).containsExactly(0L, 6L);
      assertThat(lines).extracting(LogLine::end).containsExactly(6L, 14L);
      assertThat(tailed.lineStart()).isEqualTo(14);

      append(file, "rd\n");
      assertThat(tailed.read(10)).extracting(TailedFileTest::text).containsExactly("third");
      assertThat(tailed.lineStart()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void readsAtMostTheRequestedNumberOfLinesAndGoesOnWhereItStopped() throws IOException {
    Path file = write("a\nb\nc\n");
    try (TailedFile tailed = TailedFile.open(file, 0, 100).orElseThrow()) {
      assertThat(tailed.read(2)).extracting(TailedFileTest::text).containsExactly("a", "b");
      assertThat(tailed.read(2)).extracting(TailedFileTest::text).containsExactly("c");
      assertThat(tailed.read(2)).isEmpty();
    }
  }

  @Test
  void startsAtTheGivenOffset() throws IOException {
    Path file = write("a\nb\nc\n");
    try (TailedFile tailed = TailedFile.open(file, 2, 100).orElseThrow()) {
      assertThat(tailed.read(10)).extracting(TailedFileTest::text).containsExactly("b", "c");
    }
  }

  @Test
  void marksALineLongerThanTheLimitWithoutKeepingItsBytes() throws IOException {
    String big = "y".repeat(200_000);
    Path file = write("ok\n" + big + "\nafter\n");
    try (TailedFile tailed = TailedFile.open(file, 0, 1000).orElseThrow()) {
      List<LogLine> lines = tailed.read(10);

      assertThat(lines).extracting(LogLine::tooLarge).containsExactly(false, true, false);
      assertThat(lines.get(1).bytes()).isEmpty();
      assertThat(lines.get(1).offset()).isEqualTo(3);
      assertThat(lines.get(1).end()).isEqualTo(3 + big.length() + 1);
      assertThat(text(lines.get(2))).isEqualTo("after");
    }
  }

  @Test
  void readsARenamedAndDeletedFileToItsEndThroughTheOpenChannel() throws IOException {
    Path file = write("one\ntwo\n");
    try (TailedFile tailed = TailedFile.open(file, 0, 100).orElseThrow()) {
      assertThat(tailed.read(1)).extracting(TailedFileTest::text).containsExactly("one");
      Path rotated = Files.move(file, dir.resolve("audit.log.1"));
      Files.delete(rotated); // e.g. compressed right after rotation

      assertThat(tailed.read(10)).extracting(TailedFileTest::text).containsExactly("two");
    }
  }

  @Test
  void givesTheLastLineWithoutNewlineOnlyWhenAskedFor() throws IOException {
    Path file = write("one\nlast");
    try (TailedFile tailed = TailedFile.open(file, 0, 100).orElseThrow()) {
      assertThat(tailed.read(10)).extracting(TailedFileTest::text).containsExactly("one");

      LogLine last = tailed.rest().orElseThrow();

      assertThat(text(last)).isEqualTo("last");
      assertThat(last.end()).isEqualTo(8);
      assertThat(tailed.rest()).isEmpty();
    }
  }

  @Test
  void noticesThatTheFileShrankAndCanStartOver() throws IOException {
    Path file = write("one\ntwo\n");
    try (TailedFile tailed = TailedFile.open(file, 0, 100).orElseThrow()) {
      tailed.read(10);
      assertThat(tailed.shrunk()).isFalse();

      Files.writeString(file, "x\n");

      assertThat(tailed.shrunk()).isTrue();
      tailed.rewind();
      assertThat(tailed.read(10)).extracting(TailedFileTest::text).containsExactly("x");
    }
  }

  @Test
  void knowsItsIdentityAndWhetherItStillStartsWithAHead() throws IOException {
    Path file = write("0123456789\n");
    try (TailedFile tailed = TailedFile.open(file, 0, 100).orElseThrow()) {
      FileHead head = tailed.head(5);

      assertThat(tailed.identity()).isEqualTo(FileIdentity.stat(file).orElseThrow().identity());
      assertThat(head.length()).isEqualTo(5);
      assertThat(tailed.startsWith(head)).isTrue();
      Files.writeString(file, "abcdefghij\n");
      assertThat(tailed.startsWith(head)).isFalse();
    }
  }

  @Test
  void isEmptyWhenThereIsNoFile() throws IOException {
    assertThat(TailedFile.open(dir.resolve("missing.log"), 0, 100)).isEmpty();
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("audit.log"), content);
  }

  private static void append(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardOpenOption.APPEND);
  }

  private static String text(LogLine line) {
    return new String(line.bytes(), UTF_8);
  }
}
