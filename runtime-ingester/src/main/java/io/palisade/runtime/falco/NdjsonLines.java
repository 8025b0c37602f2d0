package io.palisade.runtime.falco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an NDJSON body (Falco {@code json_output} lines as a log shipper forwards them) into its
 * lines. Blank lines are skipped but still counted, so that line numbers match what an operator
 * sees in the file. A trailing {@code \r} is dropped.
 */
public final class NdjsonLines {

  /**
   * One non-blank line.
   *
   * @param number 1-based, counting blank lines too
   * @param bytes the line without its line break
   */
  public record Line(int number, byte[] bytes) {}

  private NdjsonLines() {}

  public static List<Line> split(byte[] body) {
    List<Line> lines = new ArrayList<>();
    int number = 0;
    int start = 0;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      number++;
      int last = end > start && body[end - 1] == '\r' ? end - 1 : end;
      if (!isBlank(body, start, last)) {
        lines.add(new Line(number, Arrays.copyOfRange(body, start, last)));
      }
      start = end + 1;
    }
    return lines;
  }

  private static boolean isBlank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
