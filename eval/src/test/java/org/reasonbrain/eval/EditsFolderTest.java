package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/** {@code eval --edits}: an edits folder written by some other program, judged like our model's edits. */
class EditsFolderTest {
  @TempDir
  static Path tmp;
  static Dataset ds;
  static List<Sample> test;

  @BeforeAll
  static void build() throws Exception {
    new DatasetBuilder(BuildSettings.builder(120, 2).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("d"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("d"));
    test = ds.samples().stream().filter(s -> !s.split().equals("train")).toList();
    assertTrue(test.stream().anyMatch(s -> !s.steps().isEmpty()), "the build has chains");
    assertTrue(test.stream().filter(s -> !s.distractorTargets().isEmpty()).count() >= 10, "the build has judged samples");
  }

  /** A folder with {@code pick(sample)} written as each sample's edit. */
  private static Path folder(String name, PickImage pick) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    for (Sample s : test) {
      Images.writePng(dir.resolve(s.id() + ".png"), pick.apply(s));
    }
    return dir;
  }

  @FunctionalInterface
  private interface PickImage {
    BufferedImage apply(Sample s) throws Exception;
  }

  private static EditsFolder.Result judge(Path dir) throws Exception {
    return EditsFolder.judge(new Evaluator(ds), ds, test, dir, Progress.NONE);
  }

  private static Map<String, Double> total(EditsFolder.Result r) {
    return Evaluator.summarize(r.rows(), x -> x.sample().category()).get("total");
  }

  /** A request whose true outcome is the source itself. */
  private static boolean unchanged(Sample s) {
    return Sample.NULL.equals(s.member()) || Sample.ABSENT.equals(s.member());
  }

  /** Every pixel blown up into a k x k block: what area averaging brings back exactly. */
  private static BufferedImage blowUp(BufferedImage img, int k) {
    BufferedImage out = new BufferedImage(img.getWidth() * k, img.getHeight() * k, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, img.getRGB(x / k, y / k));
      }
    }
    return out;
  }

  @Test
  void theTruthScoresOneAtAnySizeTheSourceAndTheDistractorsZero() throws Exception {
    // The true targets (the image after the last step for a chain), every other one at 4x the build's size.
    int[] n = {0};
    EditsFolder.Result truth = judge(folder("truth", s -> n[0]++ % 2 == 0 ? ds.image(s.target()) : blowUp(ds.image(s.target()), 4)));
    assertTrue(truth.problems().isEmpty(), truth.problems().toString());
    assertEquals(test.size(), truth.rows().size());
    assertEquals(1.0, total(truth).get("accuracy_lenient"), 1e-9);
    assertEquals(1.0, total(truth).get("accuracy_strict"), 1e-9);
    assertEquals(0.0, total(truth).get("l1"), 1e-9);

    // The sources: nothing changed is never right, except where the request asks for no change (a counterfactual
    // set's null or absent member, whose target is the source).
    EditsFolder.Result source = judge(folder("source", s -> ds.image(s.source())));
    List<Evaluator.Row> asksForChange = source.rows().stream().filter(r -> !unchanged(r.sample())).toList();
    assertTrue(asksForChange.stream().anyMatch(r -> r.verdict() != null));
    for (Evaluator.Row r : source.rows()) {
      if (r.verdict() != null) {
        assertEquals(unchanged(r.sample()), r.verdict().lenient(), r.sample().id() + " " + r.sample().member());
        assertEquals(unchanged(r.sample()), r.verdict().strict(), r.sample().id() + " " + r.sample().member());
      }
    }

    // The distractors, a different one per sample: every miss is nearest the distractor that was handed in.
    EditsFolder.Result wrong = judge(folder("distractors", s -> s.distractorTargets().isEmpty() ? ds.image(s.source())
        : ds.image(s.distractorTargets().get(Math.floorMod(s.id().hashCode(), s.distractorTargets().size())).path())));
    assertEquals(0.0, total(wrong).get("accuracy_lenient"), 1e-9);
    assertEquals(0.0, total(wrong).get("accuracy_strict"), 1e-9);
    for (Evaluator.Row r : wrong.rows()) {
      if (r.verdict() == null) {
        continue;
      }
      List<Sample.DistractorRef> ds0 = r.sample().distractorTargets();
      int given = Math.floorMod(r.sample().id().hashCode(), ds0.size());
      int nearest = r.verdict().nearestDistractor();
      // A tie with an identical wrong outcome names the first of them: the same picture.
      assertArrayEquals(Images.toFloatHwc(ds.image(ds0.get(given).path())), Images.toFloatHwc(ds.image(ds0.get(nearest).path())),
          r.sample().id() + ": nearest " + nearest + ", given " + given);
    }
  }

  @Test
  void missingCorruptAndWrongShapedEditsAreReportedAndCountedAsFailures() throws Exception {
    Path dir = folder("broken", s -> ds.image(s.target()));
    List<Sample> judged = test.stream().filter(s -> !s.distractorTargets().isEmpty()).toList();
    Sample missing = judged.get(0);
    Sample corrupt = judged.get(1);
    Sample narrow = judged.get(2);
    Sample jpeg = judged.get(3);
    Files.delete(dir.resolve(missing.id() + ".png"));
    Files.writeString(dir.resolve(corrupt.id() + ".png"), "not a picture");
    Images.writePng(dir.resolve(narrow.id() + ".png"), new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB));
    // A JPEG stands in for a PNG; a chain's intermediate image, a hidden temporary file and a stray file are ignored.
    Files.delete(dir.resolve(jpeg.id() + ".png"));
    writeJpeg(blowUp(ds.image(jpeg.target()), 2), dir.resolve(jpeg.id() + ".JPG"));
    Sample chain = test.stream().filter(s -> !s.steps().isEmpty()).findFirst().orElseThrow();
    Images.writePng(dir.resolve(chain.id() + "_step1.png"), ds.image(chain.source()));
    Files.writeString(dir.resolve("." + missing.id() + ".png.123.tmp"), "half written");
    Images.writePng(dir.resolve("rw-typo.png"), ds.image(chain.source()));

    EditsFolder.Result r = judge(dir);
    assertEquals(test.size(), r.rows().size(), "the run goes on past every problem");
    assertEquals(3, r.problems().size(), r.problems().toString());
    Map<String, EditsFolder.Problem> byId = new java.util.HashMap<>();
    r.problems().forEach(p -> byId.put(p.id(), p));
    assertTrue(byId.get(missing.id()).reason().startsWith("missing"), byId.toString());
    assertTrue(byId.get(corrupt.id()).reason().startsWith("unreadable"), byId.toString());
    assertTrue(byId.get(narrow.id()).reason().contains("wrong shape: 64x32"), byId.toString());
    assertFalse(byId.containsKey(jpeg.id()));
    assertEquals(List.of("rw-typo.png"), r.unknownFiles());
    // The three failures count against the judged samples, lenient and strict; nothing names them nearest a distractor.
    double n = judged.size();
    assertEquals((n - 3) / n, total(r).get("accuracy_lenient"), 1e-9);
    assertTrue(total(r).get("accuracy_strict") <= (n - 3) / n + 1e-9);
    assertTrue(Report.wrongNearest(r.rows()).isEmpty());

    Path report = tmp.resolve("broken-report");
    Report.write(report, "broken on d", r.rows(), Map.of("edits", dir.toString()));
    EditsFolder.annotate(report, dir, r);
    String md = Files.readString(report.resolve("report.md"));
    assertTrue(md.contains("## Edits folder") && md.contains("| " + missing.id() + " | " + missing.id() + ".png | missing"), md);
    assertTrue(md.contains(corrupt.id()) && md.contains(narrow.id()) && md.contains("rw-typo.png"), md);
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertEquals(3, json.path("edits").path("problems").size());
    assertEquals(test.size() - 3, json.path("edits").path("judged").asInt());
    assertTrue(json.has("by_split") && json.path("meta").has("edits"), "the usual report, with the folder's account added");

    var none = assertThrows(java.io.IOException.class, () -> judge(tmp.resolve("nowhere")));
    assertTrue(none.getMessage().contains("nowhere") && none.getMessage().contains("no such edits folder"), none.getMessage());
  }

  @Test
  void theTaskFileListsEverySampleAndReadsBackWithLineNumberedErrors() throws Exception {
    Path file = tmp.resolve("tasks.jsonl");
    EditTasks.write(file, ds, test);
    List<EditTasks.Task> tasks = EditTasks.read(file);
    assertEquals(test.size(), tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      EditTasks.Task t = tasks.get(i);
      Sample s = test.get(i);
      assertEquals(s.id(), t.id());
      assertEquals(s.id() + ".png", t.edit());
      assertTrue(Path.of(t.source()).isAbsolute() && Files.isRegularFile(Path.of(t.source())));
      assertEquals(s.stepCount(), t.instructions().size());
      assertEquals(s.instruction(), t.instructions().get(0));
      assertEquals(s.set(), t.set());
      assertEquals(s.member(), t.member());
    }
    String first = Files.readAllLines(file).get(0);
    for (String[] bad : new String[][] {{"{\"id\": \"a\"", "line 2: not a JSON object"}, {"{\"id\": \"a/b\"}", "field 'id'"},
        {"{\"id\": \"b\", \"instruction\": \"What if?\"}", "line 2: missing field 'source'"},
        {first.replace("\"id\":\"" + tasks.get(0).id(), "\"id\":\"other"), "field 'edit' must be 'other"}, {first, "duplicate id"}}) {
      Path f = tmp.resolve("bad.jsonl");
      Files.writeString(f, first + "\n" + bad[0] + "\n");
      var e = assertThrows(IllegalArgumentException.class, () -> EditTasks.read(f));
      assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("bad.jsonl"), e.getMessage());
    }
  }

  private static void writeJpeg(BufferedImage img, Path file) throws Exception {
    javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("jpg").next();
    javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
    p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(0.95f);
    try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
      w.setOutput(out);
      w.write(null, new javax.imageio.IIOImage(img, null, null), p);
    } finally {
      w.dispose();
    }
  }
}
