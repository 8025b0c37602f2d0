package io.palisade.audit.normalize;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.StreamReadConstraints;

/**
 * A cursor over a JSON document in UTF-8 bytes that reads only input it is sure of: input that
 * Jackson, with the intake's {@link StreamReadConstraints}, reads without error and to the same
 * values. Whatever it is not sure of (a syntax error, an escape Jackson refuses by default, UTF-8
 * that is not well-formed, a number, name or string near a limit, deep nesting) throws {@link
 * Unsure}, and the caller reads the document with Jackson instead, which then gives the answer,
 * error message included. So the cursor may refuse valid JSON, but it never accepts what Jackson
 * would refuse, nor reads a value differently.
 *
 * <p>It exists for speed: the audit webhook's events are mostly request and response objects that
 * Palisade passes on as raw text, and finding their end byte by byte costs a fraction of tokenising
 * them.
 */
public final class JsonCursor {

  /** Thrown when the cursor is not sure of the input; carries no stack trace. */
  public static final class Unsure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Unsure() {
      super(null, null, false, false);
    }
  }

  private static final Unsure UNSURE = new Unsure();

  /** Deeper nesting is left to Jackson (real events are a few dozen levels deep at most). */
  private static final int MAX_DEPTH = 256;

  /** Longer numbers are left to Jackson (its own limit is at least this). */
  private static final int MAX_NUMBER_LENGTH = 100;

  /** Longer names are left to Jackson. */
  private static final int MAX_NAME_LENGTH = 1000;

  private final byte[] bytes;
  private final int maxDepth;
  private final int maxStringLength;
  private int position;

  /** Whether the last string or container read had only ASCII bytes. */
  private boolean ascii;

  /** Whether the last string read had an escape. */
  private boolean escaped;

  /**
   * @param bytes the document
   * @param constraints the limits Jackson reads the same document with
   * @throws Unsure when the document is longer than Jackson reads
   */
  public JsonCursor(byte[] bytes, StreamReadConstraints constraints) {
    long maxDocument = constraints.getMaxDocumentLength();
    if (maxDocument > 0 && bytes.length > maxDocument) {
      throw UNSURE;
    }
    this.bytes = bytes;
    // Jackson counts the document's outermost container as depth 1 and refuses depth > max
    this.maxDepth = Math.min(MAX_DEPTH, constraints.getMaxNestingDepth() - 1);
    this.maxStringLength = Math.min(constraints.getMaxStringLength(), Integer.MAX_VALUE - 1);
  }

  public byte[] bytes() {
    return bytes;
  }

  public int position() {
    return position;
  }

  /** Moves back to {@code position}, an earlier position of this cursor. */
  public void reset(int position) {
    this.position = position;
  }

  /** Skips whitespace and returns the next byte (0 to 255) without consuming it; -1 at the end. */
  public int peek() {
    skipWhitespace();
    return position < bytes.length ? bytes[position] & 0xFF : -1;
  }

  /** Skips whitespace and consumes {@code expected}, or throws {@link Unsure}. */
  public void expect(char expected) {
    if (peek() != expected) {
      throw UNSURE;
    }
    position++;
  }

  /** Whether only whitespace is left. */
  public boolean atEnd() {
    return peek() == -1;
  }

  /**
   * After a container's opening byte or one of its elements: true when another element follows (a
   * comma was consumed), false when the container ends (its closing byte was consumed).
   *
   * @param close {@code '}'} or {@code ']'}
   * @param first whether no element has been read yet
   */
  public boolean more(char close, boolean first) {
    int next = peek();
    if (next == close) {
      position++;
      return false;
    }
    if (first) {
      return true;
    }
    if (next != ',') {
      throw UNSURE;
    }
    position++;
    return true;
  }

  /**
   * Reads an object's property name and its colon, leaving the cursor before the value. Returns the
   * name's index in {@code names}, or -1 when it is none of them; throws {@link Unsure} for a name
   * with an escape (it may spell one of the names).
   */
  public int name(byte[][] names) {
    expect('"');
    int start = position;
    int end = endOfPlainName(start);
    position = end + 1;
    expect(':');
    int length = end - start;
    for (int i = 0; i < names.length; i++) {
      byte[] name = names[i];
      if (name.length == length && regionEquals(name, start)) {
        return i;
      }
    }
    return -1;
  }

  /** A name's bytes as UTF-8 text, for names that are data (map keys). */
  public String nameText() {
    String name = string();
    if (name.length() > MAX_NAME_LENGTH) {
      throw UNSURE;
    }
    expect(':');
    return name;
  }

  /** The next value's first byte, after whitespace, without consuming it. */
  public int valueStart() {
    int next = peek();
    if (next == -1) {
      throw UNSURE;
    }
    return next;
  }

  /** Whether the next value is {@code null}; consumes it when it is. */
  public boolean nullValue() {
    if (peek() == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  /** Reads a string value, decoding its escapes as Jackson does. */
  public String string() {
    expect('"');
    int start = position;
    ascii = true;
    int end = endOfString(start);
    position = end + 1;
    int length = end - start;
    if (length > maxStringLength) {
      throw UNSURE;
    }
    if (!escaped) {
      return new String(
          bytes, start, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
    return unescape(start, end);
  }

  /**
   * Reads an integer value fitting in an int as Jackson's {@code INT} number type; null for any
   * other value (which is skipped).
   *
   * @param depth the depth of the value's container
   */
  public Integer intOrNull(int depth) {
    int next = valueStart();
    if (next != '-' && (next < '0' || next > '9')) {
      skipValue(depth);
      return null;
    }
    int numberStart = position;
    boolean integral = number();
    if (!integral) {
      return null;
    }
    int length = position - numberStart;
    if (length > 11) {
      return null; // beyond int range with or without a sign
    }
    boolean negative = bytes[numberStart] == '-';
    long value = 0;
    for (int i = negative ? numberStart + 1 : numberStart; i < position; i++) {
      value = value * 10 + (bytes[i] - '0'); // at most 11 digits: no overflow
    }
    if (negative) {
      value = -value;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      return null;
    }
    return (int) value;
  }

  /**
   * Skips a value of any kind, checking its syntax.
   *
   * @param depth the depth of the value's container (0 at the top of the document)
   */
  public void skipValue(int depth) {
    int next = valueStart();
    switch (next) {
      case '{' -> {
        position++;
        enter(depth + 1);
        boolean first = true;
        while (more('}', first)) {
          first = false;
          expect('"');
          int end = endOfString(position);
          if (end - position > MAX_NAME_LENGTH) {
            throw UNSURE;
          }
          position = end + 1;
          expect(':');
          skipValue(depth + 1);
        }
      }
      case '[' -> {
        position++;
        enter(depth + 1);
        boolean first = true;
        while (more(']', first)) {
          first = false;
          skipValue(depth + 1);
        }
      }
      case '"' -> {
        position++;
        int end = endOfString(position);
        if (end - position > maxStringLength) {
          throw UNSURE;
        }
        position = end + 1;
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  /**
   * Skips an object or array value and returns its text; throws {@link Unsure} for other values.
   *
   * @param depth the depth of the value's container
   */
  public String rawContainer(int depth) {
    int next = valueStart();
    if (next != '{' && next != '[') {
      throw UNSURE;
    }
    int start = position;
    ascii = true;
    skipValue(depth);
    return new String(
        bytes,
        start,
        position - start,
        ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** Checks that a container opened at {@code depth} is within the depth read here. */
  public void enter(int depth) {
    if (depth > maxDepth) {
      throw UNSURE;
    }
  }

  private void literal(String literal) {
    int length = literal.length();
    if (position + length > bytes.length) {
      throw UNSURE;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[position + i] != literal.charAt(i)) {
        throw UNSURE;
      }
    }
    position += length;
  }

  /**
   * Reads a number by JSON's grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
   * Returns whether it is an integer (no fraction, no exponent).
   */
  private boolean number() {
    int start = position;
    if (position < bytes.length && bytes[position] == '-') {
      position++;
    }
    if (position >= bytes.length) {
      throw UNSURE;
    }
    if (bytes[position] == '0') {
      position++;
    } else if (!digits()) {
      throw UNSURE;
    }
    boolean integral = true;
    if (position < bytes.length && bytes[position] == '.') {
      position++;
      if (!digits()) {
        throw UNSURE;
      }
      integral = false;
    }
    if (position < bytes.length && (bytes[position] == 'e' || bytes[position] == 'E')) {
      position++;
      if (position < bytes.length && (bytes[position] == '+' || bytes[position] == '-')) {
        position++;
      }
      if (!digits()) {
        throw UNSURE;
      }
      integral = false;
    }
    if (position - start > MAX_NUMBER_LENGTH) {
      throw UNSURE;
    }
    return integral;
  }

  /** Consumes one or more digits; false when there is none. */
  private boolean digits() {
    int start = position;
    while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
      position++;
    }
    return position > start;
  }

  private void skipWhitespace() {
    while (position < bytes.length) {
      byte b = bytes[position];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      position++;
    }
  }

  /**
   * The index of the quote closing the string whose text starts at {@code start}, checking escapes
   * and UTF-8; sets {@link #escaped} and clears {@link #ascii} when the text has non-ASCII bytes.
   */
  private int endOfString(int start) {
    escaped = false;
    int i = start;
    byte[] b = bytes;
    int length = b.length;
    while (i < length) {
      if (i + 8 <= length) {
        // eight bytes at a time: jump to the first that ends or escapes the string or needs
        // checking (the lowest flagged byte of a word is always a true one)
        long special = special((long) WORDS.get(b, i));
        if (special == 0) {
          i += 8;
          continue;
        }
        i += Long.numberOfTrailingZeros(special) >>> 3;
      }
      int c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        escaped = true;
        i = endOfEscape(i + 1);
      } else if (c >= 0x20) {
        i++;
      } else if (c >= 0) {
        throw UNSURE; // an unescaped control character
      } else {
        ascii = false;
        i = endOfUtf8(i);
      }
    }
    throw UNSURE; // unterminated
  }

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /**
   * The high bit of each byte of {@code word} that may end or escape a string or needs checking:
   * {@code "}, {@code \\}, below 0x20 or above 0x7F; zero when there is none. The lowest flagged
   * byte is always one of these (a borrow only flags bytes above a true one).
   */
  private static long special(long word) {
    long special =
        word // non-ASCII
            | (word - 0x20 * ONES) & ~word // below 0x20
            | hasZeroByte(word ^ ('"' * ONES))
            | hasZeroByte(word ^ ('\\' * ONES));
    return special & HIGH_BITS;
  }

  private static long hasZeroByte(long word) {
    return (word - ONES) & ~word;
  }

  /** A name without escapes: the index of its closing quote. */
  private int endOfPlainName(int start) {
    int end = endOfString(start);
    if (escaped || end - start > MAX_NAME_LENGTH) {
      throw UNSURE;
    }
    return end;
  }

  /** Checks the escape whose letter is at {@code i}; returns the index after it. */
  private int endOfEscape(int i) {
    if (i >= bytes.length) {
      throw UNSURE;
    }
    switch (bytes[i]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 1;
      }
      case 'u' -> {
        if (i + 4 >= bytes.length) {
          throw UNSURE;
        }
        int unit = 0;
        for (int k = 1; k <= 4; k++) {
          int digit = Character.digit(bytes[i + k], 16);
          if (digit < 0) {
            throw UNSURE;
          }
          unit = unit << 4 | digit;
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) {
          throw UNSURE; // Jackson refuses some surrogates in escapes (a lone one in a name)
        }
        return i + 5;
      }
      default -> throw UNSURE; // Jackson refuses other escapes by default
    }
  }

  /**
   * Checks a well-formed UTF-8 sequence (Unicode's table 3-7: no overlong forms, no surrogates,
   * nothing above U+10FFFF) starting at {@code i}; returns the index after it.
   */
  private int endOfUtf8(int i) {
    int lead = bytes[i] & 0xFF;
    int count;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      count = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      count = 2;
      if (lead == 0xE0) {
        low = 0xA0;
      } else if (lead == 0xED) {
        high = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      count = 3;
      if (lead == 0xF0) {
        low = 0x90;
      } else if (lead == 0xF4) {
        high = 0x8F;
      }
    } else {
      throw UNSURE;
    }
    if (i + count >= bytes.length) {
      throw UNSURE;
    }
    int second = bytes[i + 1] & 0xFF;
    if (second < low || second > high) {
      throw UNSURE;
    }
    for (int k = 2; k <= count; k++) {
      int next = bytes[i + k] & 0xFF;
      if (next < 0x80 || next > 0xBF) {
        throw UNSURE;
      }
    }
    return i + count + 1;
  }

  /** The text of a checked string with escapes, decoded as Jackson decodes it. */
  private String unescape(int start, int end) {
    StringBuilder text = new StringBuilder(end - start);
    int i = start;
    while (i < end) {
      int run = i;
      while (i < end && bytes[i] != '\\') {
        i++;
      }
      if (i > run) {
        text.append(new String(bytes, run, i - run, StandardCharsets.UTF_8));
      }
      if (i == end) {
        break;
      }
      byte letter = bytes[i + 1];
      switch (letter) {
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          text.append(
              (char)
                  Integer.parseInt(new String(bytes, i + 2, 4, StandardCharsets.ISO_8859_1), 16));
          i += 4;
        }
        default -> text.append((char) letter); // " \ /
      }
      i += 2;
    }
    return text.toString();
  }

  private boolean regionEquals(byte[] name, int start) {
    for (int k = 0; k < name.length; k++) {
      if (bytes[start + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  /** Names as the bytes {@link #name} compares. */
  public static byte[][] names(String... names) {
    byte[][] bytes = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
