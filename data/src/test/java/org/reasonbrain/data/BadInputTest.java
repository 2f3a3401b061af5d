package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;

class BadInputTest {
  @TempDir
  Path tmp;

  private Path folder(String line) throws IOException {
    Path dir = tmp.resolve("ds" + System.nanoTime());
    Files.createDirectories(dir.resolve("images"));
    Images.writePng(dir.resolve("images/s.png"), new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
    Images.writePng(dir.resolve("images/t.png"), new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
    Images.writePng(dir.resolve("images/small.png"), new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
    Files.writeString(dir.resolve("images/broken.png"), "this is not a png");
    String good = "{\"id\":\"ok\",\"split\":\"train\",\"category\":\"physical\",\"source\":\"images/s.png\","
        + "\"target\":\"images/t.png\",\"instruction\":\"What if?\",\"initial_instruction\":\"x\",\"objects\":[]}";
    Files.writeString(dir.resolve("manifest.jsonl"), good + "\n" + line + "\n");
    return dir;
  }

  private static String line(String source, String target, String extra) {
    return "{\"id\":\"bad\",\"split\":\"train\",\"category\":\"physical\",\"source\":\"" + source + "\",\"target\":\""
        + target + "\",\"instruction\":\"What if?\",\"initial_instruction\":\"x\",\"objects\":[]" + extra + "}";
  }

  /** A problem found by reading the manifest: both check and load report it. */
  private void expectProblem(String line, String field, String words) throws IOException {
    Path dir = expectImageProblem(line, field, words);
    var e = assertThrows(Dataset.InvalidDatasetException.class, () -> Dataset.load(dir));
    assertTrue(e.getMessage().contains("line 2"));
  }

  /** A problem found only by decoding images: the deep check reports it. */
  private Path expectImageProblem(String line, String field, String words) throws IOException {
    Path dir = folder(line);
    List<Dataset.Problem> problems = Dataset.check(dir, true);
    assertEquals(1, problems.size(), problems.toString());
    Dataset.Problem p = problems.get(0);
    assertEquals(2, p.line(), p.toString());
    assertEquals(field, p.field(), p.toString());
    assertTrue(p.toString().contains(words), p.toString());
    return dir;
  }

  @Test
  void missingField() throws IOException {
    expectProblem("{\"id\":\"bad\",\"split\":\"train\",\"category\":\"physical\",\"source\":\"images/s.png\",\"instruction\":\"q\","
        + "\"initial_instruction\":\"x\",\"objects\":[]}", "target", "missing required field 'target'");
  }

  @Test
  void badPath() throws IOException {
    expectProblem(line("images/nope.png", "images/t.png", ""), "source", "does not exist");
  }

  @Test
  void pathLeavingTheFolder() throws IOException {
    expectProblem(line("../outside.png", "images/t.png", ""), "source", "leaves the dataset folder");
    expectProblem(line("/etc/passwd", "images/t.png", ""), "source", "must be relative");
  }

  @Test
  void undecodableImage() throws IOException {
    expectImageProblem(line("images/s.png", "images/broken.png", ""), "target", "not a decodable image");
  }

  @Test
  void wronglySizedImage() throws IOException {
    expectImageProblem(line("images/s.png", "images/small.png", ""), "target", "4x4 but the source is 8x8");
    expectImageProblem(line("images/s.png", "images/t.png", ",\"masks\":[\"images/small.png\"]"), "masks[0]", "4x4");
  }

  @Test
  void invalidJsonUnknownCategoryAndDuplicateId() throws IOException {
    expectProblem("{not json", "(json)", "not valid JSON");
    expectProblem(line("images/s.png", "images/t.png", "").replace("physical", "magic"), "category", "unknown category 'magic'");
    expectProblem(line("images/s.png", "images/t.png", "").replace("\"bad\"", "\"ok\""), "id", "duplicate id 'ok'");
  }

  @Test
  void buildRefusesANonEmptyFolderUnlessForced() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "precious");
    DatasetBuilder b = new DatasetBuilder(BuildSettings.builder(12, 1).size(32).candidates(2).threads(1).build(), null);
    var e = assertThrows(IOException.class, () -> b.build(out, false, Progress.NONE));
    assertTrue(e.getMessage().contains("not empty"));
    assertTrue(Files.exists(out.resolve("keep.txt")));
    b.build(out, true, Progress.NONE);
    assertFalse(Files.exists(out.resolve("keep.txt")));
    assertTrue(Files.exists(out.resolve("manifest.jsonl")));
  }

  @Test
  void aFailedBuildLeavesNothingHalfWritten() throws Exception {
    Path out = tmp.resolve("fails");
    DatasetBuilder b = new DatasetBuilder(BuildSettings.builder(40, 1).size(32).candidates(2).threads(2)
        .build(), (req, rng) -> {
      throw new IllegalStateException("rewriter down");
    });
    assertThrows(IllegalStateException.class, () -> b.build(out, false, Progress.NONE));
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("building")), "temporary build folder left behind");
    }
  }
}
