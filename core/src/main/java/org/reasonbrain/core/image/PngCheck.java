package org.reasonbrain.core.image;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Structural checks of a PNG before it is decoded, as libpng and Pillow make them and Java's ImageIO
 * does not: the signature, every chunk's length within the file and its CRC, an IHDR of 13 bytes first
 * with a non-zero size, and an IEND. A file that fails gets one clear error naming the file and the
 * problem (a corrupt download or a tampered file is refused, never edited as if it were fine).
 */
public final class PngCheck {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngCheck() {}

  /** True when the bytes start with the PNG signature. */
  public static boolean isPng(byte[] b) {
    if (b.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** Throws {@link Images.BadImageException} naming {@code name} and the first problem found. */
  public static void verify(byte[] b, String name) throws Images.BadImageException {
    if (!isPng(b)) {
      throw new Images.BadImageException(name + ": not a PNG (bad signature)");
    }
    int at = SIGNATURE.length;
    boolean first = true;
    boolean end = false;
    while (at < b.length && !end) {
      if (b.length - at < 12) {
        throw new Images.BadImageException(name + ": truncated PNG (a chunk header at byte " + at + " is cut off)");
      }
      long len = readInt(b, at) & 0xFFFFFFFFL;
      String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
      if (len > Integer.MAX_VALUE || len > b.length - at - 12L) {
        throw new Images.BadImageException(name + ": truncated PNG (chunk " + printable(type) + " at byte " + at + " declares "
            + len + " bytes, " + Math.max(0, b.length - at - 12) + " remain)");
      }
      CRC32 crc = new CRC32();
      crc.update(b, at + 4, 4 + (int) len);
      long stored = readInt(b, at + 8 + (int) len) & 0xFFFFFFFFL;
      if (crc.getValue() != stored) {
        throw new Images.BadImageException(name + ": corrupt PNG (CRC mismatch in chunk " + printable(type) + " at byte " + at + ")");
      }
      if (first) {
        if (!type.equals("IHDR") || len != 13) {
          throw new Images.BadImageException(name + ": corrupt PNG (the first chunk must be a 13-byte IHDR, got " + printable(type) + " of " + len + ")");
        }
        long w = readInt(b, at + 8) & 0xFFFFFFFFL;
        long h = readInt(b, at + 12) & 0xFFFFFFFFL;
        if (w == 0 || h == 0) {
          throw new Images.BadImageException(name + ": zero-size PNG (" + w + "x" + h + ")");
        }
        first = false;
      }
      end = type.equals("IEND");
      at += 12 + (int) len;
    }
    if (!end) {
      throw new Images.BadImageException(name + ": truncated PNG (no IEND chunk)");
    }
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 255) << 24) | ((b[at + 1] & 255) << 16) | ((b[at + 2] & 255) << 8) | (b[at + 3] & 255);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "(unnamed)";
  }
}
