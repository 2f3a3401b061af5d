package org.reasonbrain.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reasonbrain.core.io.AtomicDirs;

/**
 * The folder swap of {@link AtomicDirs} on any Hadoop file system (file://, hdfs://, s3a://...), with the
 * same names (DEST.new, DEST.old) and the same {@value AtomicDirs#COMPLETE} marker, so that the local
 * {@code AtomicDirs.recover} of {@code data check} and the next build finish an interrupted swap on a local
 * path, and {@link #recover} does on any other. On HDFS every rename is atomic; on object stores (s3a) a
 * rename is a copy, and the marker, written last, is what makes DEST.new complete.
 */
final class HadoopDirs {
  private HadoopDirs() {}

  static Path pending(Path dest) {
    return new Path(dest.getParent(), dest.getName() + ".new");
  }

  static Path old(Path dest) {
    return new Path(dest.getParent(), dest.getName() + ".old");
  }

  /** Replaces {@code dest} by the fully written folder {@code fresh} (same parent). */
  static void replace(FileSystem fs, Path fresh, Path dest) throws IOException {
    recover(fs, dest);
    fs.create(new Path(fresh, AtomicDirs.COMPLETE), true).close();
    Path pending = pending(dest);
    fs.delete(pending, true);
    rename(fs, fresh, pending);
    if (fs.exists(dest)) {
      rename(fs, dest, old(dest));
    }
    rename(fs, pending, dest);
    fs.delete(old(dest), true);
  }

  /** Resolves what an interrupted {@link #replace} left at {@code dest} (as {@link AtomicDirs#recover}). */
  static void recover(FileSystem fs, Path dest) throws IOException {
    Path pending = pending(dest);
    Path old = old(dest);
    boolean complete = fs.exists(new Path(pending, AtomicDirs.COMPLETE));
    if (fs.exists(dest)) {
      if (complete) {
        fs.delete(old, true);
        rename(fs, dest, old);
        rename(fs, pending, dest);
      } else {
        fs.delete(pending, true);
      }
      fs.delete(old, true);
    } else if (complete) {
      rename(fs, pending, dest);
      fs.delete(old, true);
    } else if (fs.exists(old)) {
      fs.delete(pending, true);
      rename(fs, old, dest);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }
}
