package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;

/**
 * A small seeded build, every option on, is byte for byte the build this file records: a refactoring of the world,
 * the families or the builder (splitting the painters, say) must not change one pixel or one manifest byte.
 *
 * <p>The two hashes are golden values. A deliberate change to the world's look or to what a build holds (a new
 * painter stroke, a new family, a changed share) changes them: then update both constants in the same commit and say
 * why there. They were recorded with OpenJDK 17's Java2D and PNG writer; another JDK may draw a few pixels
 * differently, which this test would report as well.
 */
class BuildIsByteStableTest {
  /** SHA-256 of manifest.jsonl. */
  static final String MANIFEST_SHA256 = "310211d504dfafaa4703a93cc27701a96f074e3023c34174fc6a2046b7ba7c1f";
  /** SHA-256 over every file of the build: "path\nsha256-of-its-bytes\n" per file, in path order. */
  static final String ALL_FILES_SHA256 = "5ef59cf6be95f29aa15ee3292381fac4c78921333501ae3b57952ea1498cae47";

  @TempDir
  Path tmp;

  @Test
  void seededBuildMatchesTheRecordedBytes() throws Exception {
    BuildSettings settings = BuildSettings.builder(200, 5).size(64).candidates(2).threads(2).rivals(0.5)
        .heldOutBystanders(0.3).extraSubjects(0.6).randomShapes(0.6).takeAway(0.2).outcomeBystanders(0.3)
        .genericNouns(0.3).counterfactual(0.3).build();
    Path out = tmp.resolve("build");
    new DatasetBuilder(settings, null).build(out, false, Progress.NONE);

    assertEquals(MANIFEST_SHA256, sha256(Files.readAllBytes(out.resolve("manifest.jsonl"))), "manifest.jsonl changed");
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(out.relativize(p).toString().replace('\\', '/'), sha256(Files.readAllBytes(p)));
      }
    }
    StringBuilder listing = new StringBuilder();
    files.forEach((path, hash) -> listing.append(path).append('\n').append(hash).append('\n'));
    assertEquals(ALL_FILES_SHA256, sha256(listing.toString().getBytes(StandardCharsets.UTF_8)),
        "the build's files changed (" + files.size() + " files)");
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
