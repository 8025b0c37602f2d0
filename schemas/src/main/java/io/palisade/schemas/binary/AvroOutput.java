package io.palisade.schemas.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;

/**
 * A growable byte buffer that writes Avro's binary encoding, byte for byte what Avro's {@code
 * BinaryEncoder} writes for the same values: zig-zag varints, strings as their UTF-8 length and
 * bytes, arrays and maps as one block with its count followed by the end marker (an empty one as
 * the end marker alone), union branches by index. Strings are encoded by {@link String#getBytes}
 * (UTF-8), as Avro does: for Latin-1 strings that is a vectorised check and copy, faster here than
 * writing them character by character.
 *
 * <p>Not thread-safe: one per thread, reused from record to record ({@link #reset}).
 */
public final class AvroOutput {

  private byte[] buf;
  private int pos;

  public AvroOutput(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  /** Forgets what was written; keeps the buffer. */
  public void reset() {
    pos = 0;
  }

  /** How many bytes were written since {@link #reset}. */
  public int size() {
    return pos;
  }

  /** The size of the buffer kept. */
  public int capacity() {
    return buf.length;
  }

  /** A copy of what was written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int more) {
    if (buf.length - pos < more) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /** Bytes as they are (a header, a fixed). */
  public void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  /** An Avro {@code int} (also a union branch, an enum symbol, a string's length). */
  public void writeInt(int value) {
    ensure(5);
    int n = (value << 1) ^ (value >> 31);
    while ((n & ~0x7F) != 0) {
      buf[pos++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    buf[pos++] = (byte) n;
  }

  /** An Avro {@code long} (also a timestamp, a block's count). */
  public void writeLong(long value) {
    ensure(10);
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    buf[pos++] = (byte) n;
  }

  /** An Avro {@code string}; {@code what} names the field when it is null. */
  public void writeString(String value, String what) {
    if (value == null) {
      throw nullValue(what);
    }
    if (value.isEmpty()) {
      ensure(1);
      buf[pos++] = 0;
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeInt(utf8.length);
    writeRaw(utf8);
  }

  /** A {@code ["null", "string"]} union. */
  public void writeNullableString(String value) {
    if (value == null) {
      writeInt(0);
    } else {
      writeInt(1);
      writeString(value, null);
    }
  }

  /** A {@code ["null", "int"]} union. */
  public void writeNullableInt(Integer value) {
    if (value == null) {
      writeInt(0);
    } else {
      writeInt(1);
      writeInt(value);
    }
  }

  /** An {@code array} of {@code string}. */
  public void writeStringArray(List<String> values, String what) {
    if (values == null) {
      throw nullValue(what);
    }
    int size = values.size();
    if (size > 0) {
      writeLong(size);
      int written = 0;
      for (String value : values) {
        writeString(value, what);
        written++;
      }
      checkSize(size, written, what);
    }
    writeInt(0);
  }

  /** A {@code map} of {@code string}. */
  public void writeStringMap(Map<String, String> values, String what) {
    if (values == null) {
      throw nullValue(what);
    }
    int size = values.size();
    if (size > 0) {
      writeLong(size);
      int written = 0;
      for (Map.Entry<String, String> entry : values.entrySet()) {
        writeString(entry.getKey(), what);
        writeString(entry.getValue(), what);
        written++;
      }
      checkSize(size, written, what);
    }
    writeInt(0);
  }

  /** A {@code map} of {@code ["null", "string"]}. */
  public void writeNullableStringMap(Map<String, String> values, String what) {
    if (values == null) {
      throw nullValue(what);
    }
    int size = values.size();
    if (size > 0) {
      writeLong(size);
      int written = 0;
      for (Map.Entry<String, String> entry : values.entrySet()) {
        writeString(entry.getKey(), what);
        writeNullableString(entry.getValue());
        written++;
      }
      checkSize(size, written, what);
    }
    writeInt(0);
  }

  /** A {@code map} of {@code array} of {@code string}. */
  public void writeStringArrayMap(Map<String, List<String>> values, String what) {
    if (values == null) {
      throw nullValue(what);
    }
    int size = values.size();
    if (size > 0) {
      writeLong(size);
      int written = 0;
      for (Map.Entry<String, List<String>> entry : values.entrySet()) {
        writeString(entry.getKey(), what);
        writeStringArray(entry.getValue(), what);
        written++;
      }
      checkSize(size, written, what);
    }
    writeInt(0);
  }

  private static void checkSize(int size, int written, String what) {
    if (size != written) {
      // the collection changed while it was written (Avro reports this the same way)
      throw new AvroRuntimeException(
          what + ": size was " + size + " but " + written + " entries were written");
    }
  }

  /** The error for a null where the schema allows none. */
  public static AvroRuntimeException nullValue(String what) {
    return new AvroRuntimeException(
        "null value for (non-nullable) " + (what == null ? "string" : what));
  }
}
