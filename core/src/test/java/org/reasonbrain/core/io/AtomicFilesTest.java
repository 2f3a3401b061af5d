package org.reasonbrain.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.txt");
    AtomicFiles.writeString(f, "old");
    assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write("partial".getBytes());
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(f));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void deleteTreeRemovesEverything(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("r");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/c.txt"), "x");
    AtomicFiles.deleteTree(root);
    assertFalse(Files.exists(root));
  }

  /** What is renamed into place has the permissions a plain create gives here (the umask's), not a temp file's 600 / 700. */
  @Test
  void writtenFilesAndFoldersGetThePlainCreatesPermissions(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plainFile = Files.createFile(dir.resolve("plain.txt"));
    Path plainDir = Files.createDirectory(dir.resolve("plain-dir"));
    Path f = dir.resolve("a.txt");
    AtomicFiles.writeString(f, "x");
    assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(f));
    Path tmp = AtomicDirs.createTemp(dir.resolve("model"), "export");
    assertEquals(Files.getPosixFilePermissions(plainDir), Files.getPosixFilePermissions(tmp));
    assertEquals(true, tmp.getFileName().toString().startsWith(".model.export-"), tmp.toString());
  }
}
