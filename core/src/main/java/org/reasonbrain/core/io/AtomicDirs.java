package org.reasonbrain.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a folder (a checkpoint, an exported model) by a fully written new one so that a crash at
 * any moment leaves either the old complete folder or the new complete one, once {@link #recover}
 * has run (every reader and writer of such a folder calls it first). Java has no atomic exchange of
 * two folders, so the swap is three renames inside one parent folder, each atomic:
 * <ol>
 *   <li>the new folder, marked complete ({@value #COMPLETE} written last), is renamed to DEST.new;
 *   <li>DEST, if any, is renamed to DEST.old;
 *   <li>DEST.new is renamed to DEST; then DEST.old is deleted.
 * </ol>
 * What a crash leaves and how {@link #recover} resolves it: after 1, DEST + DEST.new (complete): the
 * swap is finished; after 2, DEST.old + DEST.new: DEST.new becomes DEST; after 3, DEST + DEST.old:
 * DEST.old is deleted. A DEST.new without the marker (a crash inside step 1 cannot make one, but a
 * copy by hand could) is never promoted: DEST.old comes back instead.
 */
public final class AtomicDirs {
  /** The marker written last into a complete new folder. */
  public static final String COMPLETE = ".complete";
  /** The file naming the process that writes a temporary folder (see {@link #createTemp}). */
  static final String OWNER = ".owner";

  private AtomicDirs() {}

  static Path pending(Path dest) {
    return dest.resolveSibling(dest.getFileName() + ".new");
  }

  static Path old(Path dest) {
    return dest.resolveSibling(dest.getFileName() + ".old");
  }

  /**
   * A new temporary folder ".DEST.TAG-random" beside {@code dest} to write a replacement in, owned by this
   * process; first deletes the ones of the same tag whose process is gone (killed with SIGKILL, say).
   */
  public static Path createTemp(Path dest, String tag) throws IOException {
    Path parent = dest.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    removeAbandoned(dest, tag);
    Path tmp = AtomicFiles.createUnique(parent, "." + dest.getFileName() + "." + tag + "-", "", true);
    Files.writeString(tmp.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
    return tmp;
  }

  /** Deletes the temporary folders of {@link #createTemp} for {@code dest} and {@code tag} whose owner process is gone. */
  public static void removeAbandoned(Path dest, String tag) throws IOException {
    Path parent = dest.toAbsolutePath().getParent();
    String prefix = "." + dest.getFileName() + "." + tag + "-";
    java.util.List<Path> abandoned = new java.util.ArrayList<>();
    try (var siblings = Files.list(parent)) {
      for (Path p : (Iterable<Path>) siblings::iterator) {
        if (!p.getFileName().toString().startsWith(prefix) || !Files.isDirectory(p)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(Files.readString(p.resolve(OWNER)).trim());
        } catch (IOException | NumberFormatException e) {
          pid = -1;                                   // killed before the owner was written
        }
        if (pid < 0 || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
          abandoned.add(p);
        }
      }
    }
    for (Path p : abandoned) {
      AtomicFiles.deleteTree(p);
    }
  }

  /** Replaces {@code dest} by the fully written folder {@code fresh} (same parent folder). */
  public static void replace(Path fresh, Path dest) throws IOException {
    recover(dest);
    Files.deleteIfExists(fresh.resolve(OWNER));
    Files.writeString(fresh.resolve(COMPLETE), "");
    Path pending = pending(dest);
    AtomicFiles.deleteTree(pending);
    rename(fresh, pending);                                     // 1
    if (Files.exists(dest)) {
      rename(dest, old(dest));                                  // 2
    }
    rename(pending, dest);                                      // 3
    AtomicFiles.deleteTree(old(dest));
  }

  /** Resolves what an interrupted {@link #replace} left at {@code dest}; does nothing when there is nothing to resolve. */
  public static void recover(Path dest) throws IOException {
    Path pending = pending(dest);
    Path old = old(dest);
    boolean complete = Files.isRegularFile(pending.resolve(COMPLETE));
    if (Files.exists(dest)) {
      if (complete) {
        // Crashed after step 1: finish the swap.
        AtomicFiles.deleteTree(old);
        rename(dest, old);
        rename(pending, dest);
      } else {
        AtomicFiles.deleteTree(pending);
      }
      AtomicFiles.deleteTree(old);
    } else if (complete) {
      rename(pending, dest);                                    // crashed after step 2
      AtomicFiles.deleteTree(old);
    } else if (Files.exists(old)) {
      AtomicFiles.deleteTree(pending);
      rename(old, dest);
    }
  }

  private static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }
}
