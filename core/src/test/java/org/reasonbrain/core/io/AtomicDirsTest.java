package org.reasonbrain.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state a crash inside AtomicDirs.replace can leave resolves to one complete folder. */
class AtomicDirsTest {
  @TempDir
  Path tmp;

  private Path folder(String name, String content) throws IOException {
    Path d = tmp.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("weights"), content);
    Files.writeString(d.resolve("config"), content);
    return d;
  }

  private String content(Path dest) throws IOException {
    String a = Files.readString(dest.resolve("weights"));
    assertEquals(a, Files.readString(dest.resolve("config")), "a mix of two folders");
    assertFalse(Files.exists(AtomicDirs.old(dest)));
    assertFalse(Files.exists(AtomicDirs.pending(dest)));
    return a;
  }

  @Test
  void replaceAndEveryCrashPoint() throws IOException {
    Path dest = tmp.resolve("checkpoint");
    // A first replace with nothing there, then a normal replace.
    AtomicDirs.replace(folder("a", "old"), dest);
    assertEquals("old", content(dest));
    AtomicDirs.replace(folder("b", "new"), dest);
    assertEquals("new", content(dest));

    // Crash after step 1: DEST (old) + DEST.new (complete) -> the new one.
    Path p = folder("c", "new2");
    Files.writeString(p.resolve(AtomicDirs.COMPLETE), "");
    Files.move(p, AtomicDirs.pending(dest));
    AtomicDirs.recover(dest);
    assertEquals("new2", content(dest));

    // Crash after step 2: DEST.old + DEST.new (complete), no DEST -> the new one.
    Files.move(dest, AtomicDirs.old(dest));
    p = folder("d", "new3");
    Files.writeString(p.resolve(AtomicDirs.COMPLETE), "");
    Files.move(p, AtomicDirs.pending(dest));
    AtomicDirs.recover(dest);
    assertEquals("new3", content(dest));

    // Crash after step 3: DEST (new) + DEST.old -> DEST stays, DEST.old goes.
    Files.move(folder("e", "stale"), AtomicDirs.old(dest));
    AtomicDirs.recover(dest);
    assertEquals("new3", content(dest));

    // An incomplete DEST.new (no marker) next to DEST.old is never promoted: the old one comes back.
    Files.move(dest, AtomicDirs.old(dest));
    Files.move(folder("f", "half"), AtomicDirs.pending(dest));
    AtomicDirs.recover(dest);
    assertEquals("new3", content(dest));

    // Nothing to resolve: no change, and a missing DEST stays missing.
    AtomicDirs.recover(tmp.resolve("nothing"));
    assertFalse(Files.exists(tmp.resolve("nothing")));
    assertTrue(Files.isRegularFile(dest.resolve(AtomicDirs.COMPLETE)));
  }

  @Test
  void temporaryFoldersOfDeadProcessesAreRemovedOthersKept() throws Exception {
    Path dest = tmp.resolve("model");
    Path mine = AtomicDirs.createTemp(dest, "export");
    assertTrue(mine.getFileName().toString().startsWith(".model.export-"), mine.toString());
    assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(mine.resolve(AtomicDirs.OWNER)));
    // A process that has exited, and a folder whose writer died before naming itself.
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    Path dead = Files.createDirectory(tmp.resolve(".model.export-dead"));
    Files.writeString(dead.resolve(AtomicDirs.OWNER), Long.toString(done.pid()));
    Path unnamed = Files.createDirectory(tmp.resolve(".model.export-unnamed"));
    Path otherTag = Files.createDirectory(tmp.resolve(".model.building-x"));
    Path second = AtomicDirs.createTemp(dest, "export");
    assertFalse(Files.exists(dead));
    assertFalse(Files.exists(unnamed));
    assertTrue(Files.isDirectory(mine), "a live writer's folder is kept");
    assertTrue(Files.isDirectory(otherTag), "another tag is not touched");
    // The owner file does not end up in the destination.
    Files.writeString(second.resolve("weights"), "w");
    AtomicDirs.replace(second, dest);
    assertFalse(Files.exists(dest.resolve(AtomicDirs.OWNER)));
    assertTrue(Files.isRegularFile(dest.resolve("weights")));
  }
}
