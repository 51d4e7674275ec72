package dev.gantry.runtime;

import dev.gantry.secret.SecretMask;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The last {@code maxBytes} bytes of a stream with secret values replaced by {@value
 * SecretMask#MASK}. Keeps the longest secret's length more than the bound, so a secret that
 * straddles the start of the tail is still found and redacted as a whole, never shown in part.
 * Thread-safe.
 */
public final class LogTail {
  private static final byte[] MASK_BYTES = SecretMask.MASK.getBytes(StandardCharsets.UTF_8);

  private final int maxBytes;
  private final byte[][] secrets;
  private final byte[] ring;
  private int start;
  private int count;
  private long total;

  /**
   * @param maxBytes how many bytes of the stream's end are kept (at least 1)
   * @param secrets values to redact; empty ones are ignored
   */
  public LogTail(int maxBytes, List<String> secrets) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && !s.isEmpty())
            .distinct()
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
            .toArray(byte[][]::new);
    int longest = this.secrets.length == 0 ? 0 : this.secrets[0].length;
    this.ring = new byte[maxBytes + longest];
  }

  /** Appends bytes of the stream. */
  public synchronized void append(byte[] bytes) {
    append(bytes, 0, bytes.length);
  }

  /** Appends {@code len} bytes of the stream from {@code bytes[off]}. */
  public synchronized void append(byte[] bytes, int off, int len) {
    total += len;
    if (len >= ring.length) {
      System.arraycopy(bytes, off + len - ring.length, ring, 0, ring.length);
      start = 0;
      count = ring.length;
      return;
    }
    int end = (start + count) % ring.length;
    int first = Math.min(len, ring.length - end);
    System.arraycopy(bytes, off, ring, end, first);
    System.arraycopy(bytes, off + first, ring, 0, len - first);
    int overflow = Math.max(0, count + len - ring.length);
    start = (start + overflow) % ring.length;
    count = Math.min(ring.length, count + len);
  }

  /** How many bytes were appended in all. */
  public synchronized long totalBytes() {
    return total;
  }

  /** True when the stream was longer than the bound and its start was dropped. */
  public synchronized boolean truncated() {
    return total > maxBytes;
  }

  /** The redacted tail as UTF-8 text, at most {@code maxBytes} bytes of it. */
  public synchronized String text() {
    byte[] kept = new byte[count];
    int first = Math.min(count, ring.length - start);
    System.arraycopy(ring, start, kept, 0, first);
    System.arraycopy(ring, 0, kept, first, count - first);
    int cut = Math.max(0, count - maxBytes);
    byte[] redacted = redact(kept, cut);
    int from = Math.max(0, redacted.length - maxBytes);
    boolean cutInside = total > count || cut > 0 || from > 0;
    if (cutInside) {
      while (from < redacted.length && (redacted[from] & 0xC0) == 0x80) {
        from++; // do not start in the middle of a multi-byte character
      }
    }
    return new String(redacted, from, redacted.length - from, StandardCharsets.UTF_8);
  }

  /** The bytes from {@code cut} on with every secret that ends after {@code cut} masked. */
  private byte[] redact(byte[] kept, int cut) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(kept.length - cut + 16);
    int i = 0;
    while (i < kept.length) {
      byte[] secret = secretAt(kept, i);
      if (secret != null) {
        if (i + secret.length > cut) {
          out.write(MASK_BYTES, 0, MASK_BYTES.length);
        }
        i += secret.length;
      } else {
        if (i >= cut) {
          out.write(kept[i]);
        }
        i++;
      }
    }
    return out.toByteArray();
  }

  private byte[] secretAt(byte[] kept, int i) {
    for (byte[] secret : secrets) {
      if (i + secret.length <= kept.length
          && Arrays.equals(kept, i, i + secret.length, secret, 0, secret.length)) {
        return secret;
      }
    }
    return null;
  }
}
