package org.reasonbrain.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes that never leave a half-written file or folder behind: write to a temporary sibling, then rename. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Writes {@code target} through a temporary file in the same folder, then renames it into place. */
  public static void write(Path target, StreamWriter writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = createUnique(dir, "." + abs.getFileName() + ".", ".tmp", false);
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      move(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new file or folder {@code prefix + random + suffix} in {@code dir}, created as a plain create would (the
   * permissions the process's umask gives, where Files.createTemp* would give 600 / 700), so that what is renamed into
   * place reads like any other file the user writes.
   */
  static Path createUnique(Path dir, String prefix, String suffix, boolean directory) throws IOException {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      Path p = dir.resolve(prefix + Long.toUnsignedString(r.nextLong(), 36) + suffix);
      try {
        return directory ? Files.createDirectory(p) : Files.createFile(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Renames {@code from} to {@code to}, atomically where the file system allows it, replacing {@code to}. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a folder and everything below it; does nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** True when {@code dir} exists and holds at least one entry. */
  public static boolean isNonEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    }
  }
}
