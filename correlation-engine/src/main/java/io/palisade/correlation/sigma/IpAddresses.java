package io.palisade.correlation.sigma;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals for the {@code cidr} modifier, parsed without ever resolving a host name (an
 * event value such as {@code example.com} is simply not an address).
 */
final class IpAddresses {

  private IpAddresses() {}

  /** The address bytes (4 or 16), or null when {@code text} is not an IPv4 or IPv6 literal. */
  static byte[] parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    return parseIpv4(text);
  }

  private static byte[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3) {
        return null;
      }
      int value = 0;
      for (int c = 0; c < part.length(); c++) {
        char digit = part.charAt(c);
        if (digit < '0' || digit > '9') {
          return null;
        }
        value = value * 10 + (digit - '0');
      }
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static byte[] parseIpv6(String text) {
    String literal =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      boolean allowed =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == ':'
              || c == '.';
      if (!allowed) {
        return null; // also keeps zone ids and host names away from InetAddress
      }
    }
    try {
      // a literal containing ':' is never looked up as a host name
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      return bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static boolean inNetwork(byte[] candidate, byte[] network, int prefixLength) {
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int remainingBits = prefixLength % 8;
    if (remainingBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - remainingBits)) & 0xFF;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }
}
