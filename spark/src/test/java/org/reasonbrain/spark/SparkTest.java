package org.reasonbrain.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;

/** Spark in local mode: byte-identical builds, retried and failed tasks, bad output locations, the same eval report. */
class SparkTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final BuildSettings SMALL = BuildSettings.builder(90, 11).size(64).candidates(4).threads(2).build();

  @TempDir
  static Path shared;
  static Path local;

  @BeforeAll
  static void localBuild() throws Exception {
    System.setProperty("reasonbrain.home", ROOT.toString());
    local = shared.resolve("local");
    new DatasetBuilder(SMALL, null).build(local, false, Progress.NONE);
  }

  @AfterEach
  void noHook() {
    System.clearProperty(SparkDatasetBuild.FAIL_FIRST_ATTEMPT);
    System.clearProperty(SparkDatasetBuild.HADOOP_FOR_LOCAL);
  }

  static JavaSparkContext context(String master) {
    return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("test").set("spark.ui.enabled", "false"));
  }

  /** Every file under {@code dir} by relative path, with its bytes. */
  static Map<String, byte[]> files(Path dir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  static void assertSameFiles(Path expected, Path actual) throws Exception {
    Map<String, byte[]> e = files(expected);
    Map<String, byte[]> a = files(actual);
    assertEquals(e.keySet(), a.keySet(), "the same files");
    for (var x : e.entrySet()) {
      assertArrayEquals(x.getValue(), a.get(x.getKey()), x.getKey());
    }
  }

  /** No hidden temporary folder of a build of {@code out} is left beside it. */
  static void noTemporaries(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + out.getFileName() + ".")).toList());
    }
  }

  @Test
  void buildIsByteIdenticalToTheLocalOneWithOneAndThreePartitions(@TempDir Path tmp) throws Exception {
    try (JavaSparkContext sc = context("local[2]")) {
      for (int parts : new int[] {1, 3}) {
        Path out = tmp.resolve("spark" + parts);
        var r = SparkDatasetBuild.build(sc, SMALL, null, null, out.toUri().toString(), false, parts, Progress.NONE);
        assertEquals(SMALL.samples(), r.samples());
        assertSameFiles(local, out);
        assertEquals(List.of(), Dataset.check(out, true), "data check passes on the Spark build");
        noTemporaries(out);
      }
      // A plain path (no scheme) is a path of the default file system, as with the local build.
      Path plain = tmp.resolve("plain");
      SparkDatasetBuild.build(sc, SMALL, null, null, plain.toString(), false, 2, Progress.NONE);
      assertSameFiles(local, plain);
    }
  }

  @Test
  void everyBuildOptionReachesTheExecutors(@TempDir Path tmp) throws Exception {
    // Rivals, held-out bystanders, extra subjects, shape-free subjects, take-away samples, outcome bystanders and generic nouns all on: the same bytes
    // as the local build (the executors once built extras and shapes as a standard build).
    BuildSettings all = BuildSettings.builder(40, 12).size(64).candidates(4).threads(2).rivals(0.5)
        .heldOutBystanders(0.5).extraSubjects(0.5).randomShapes(0.5).takeAway(0.3).outcomeBystanders(0.5)
        .genericNouns(0.5).build();
    Path expected = tmp.resolve("local");
    new DatasetBuilder(all, null).build(expected, false, Progress.NONE);
    try (JavaSparkContext sc = context("local[2]")) {
      Path out = tmp.resolve("spark");
      SparkDatasetBuild.build(sc, all, null, null, out.toUri().toString(), false, 2, Progress.NONE);
      assertSameFiles(expected, out);
    }
  }

  @Test
  void throughHadoopsFileSystemTheBuildIsTheSame(@TempDir Path tmp) throws Exception {
    // The path every non-local output (hdfs://, s3a://) takes: files written with FileSystem.create.
    System.setProperty(SparkDatasetBuild.HADOOP_FOR_LOCAL, "true");
    BuildSettings few = BuildSettings.builder(24, 11).size(64).candidates(4).threads(2).build();
    Path expected = tmp.resolve("local");
    new DatasetBuilder(few, null).build(expected, false, Progress.NONE);
    try (JavaSparkContext sc = context("local[2]")) {
      Path out = tmp.resolve("hadoop");
      SparkDatasetBuild.build(sc, few, null, null, out.toUri().toString(), false, 2, Progress.NONE);
      assertSameFiles(expected, out);                      // no .crc files beside them either
    }
  }

  @Test
  void aRetriedPartitionWritesTheSameFiles(@TempDir Path tmp) throws Exception {
    System.setProperty(SparkDatasetBuild.FAIL_FIRST_ATTEMPT, "1");
    try (JavaSparkContext sc = context("local[2,3]")) {            // up to 3 attempts per task
      Path out = tmp.resolve("retried");
      SparkDatasetBuild.build(sc, SMALL, null, null, out.toString(), false, 3, Progress.NONE);
      assertSameFiles(local, out);
      noTemporaries(out);
    }
  }

  @Test
  void aFailedJobLeavesNoDataset(@TempDir Path tmp) throws Exception {
    System.setProperty(SparkDatasetBuild.FAIL_FIRST_ATTEMPT, "2");
    Path out = tmp.resolve("failed");
    try (JavaSparkContext sc = context("local[2]")) {             // one attempt: the job fails
      Exception e = assertThrows(Exception.class, () -> SparkDatasetBuild.build(sc, SMALL, null, null, out.toString(), false, 3, Progress.NONE));
      assertTrue(String.valueOf(e.getMessage()).contains("injected failure"), e.getMessage());
    }
    assertFalse(Files.exists(out), "no dataset folder");
    noTemporaries(out);
    assertThrows(java.io.IOException.class, () -> Dataset.load(out), "nothing there loads as a dataset");
  }

  @Test
  void aFailedReplacementKeepsTheOldDataset(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("kept");
    new DatasetBuilder(BuildSettings.builder(30, 5).size(64).candidates(4).threads(2).build(), null)
        .build(out, false, Progress.NONE);
    Map<String, byte[]> before = files(out);
    System.setProperty(SparkDatasetBuild.FAIL_FIRST_ATTEMPT, "0");
    try (JavaSparkContext sc = context("local[2]")) {
      assertThrows(Exception.class, () -> SparkDatasetBuild.build(sc, SMALL, null, null, out.toString(), true, 2, Progress.NONE));
    }
    Map<String, byte[]> after = files(out);
    assertEquals(before.keySet(), after.keySet());
    noTemporaries(out);
  }

  /** Runs the CLI as the launcher does (spark.master from the system properties); returns exit code and stderr. */
  static Object[] cli(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setProperty("spark.master", "local[2]");
    System.setErr(new PrintStream(buf, true));
    try {
      return new Object[] {SparkMain.run(args), buf.toString()};
    } finally {
      System.setErr(err);
      System.clearProperty("spark.master");
    }
  }

  @Test
  void badOutputLocationsGiveClearErrors(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Object[] r = cli("data", "build", "--out", file.resolve("out").toString(), "--samples", "10");
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("error: ") && ((String) r[1]).contains("a-file"), (String) r[1]);
    assertFalse(((String) r[1]).contains("\tat "), "no stack trace: " + r[1]);

    r = cli("data", "build", "--out", local.toString(), "--samples", "10");
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("is not empty"), (String) r[1]);

    r = cli("data", "build", "--out", tmp.resolve("x").toString(), "--samples", "10", "--partitions", "0");
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("--partitions"), (String) r[1]);
  }

  @Test
  void evalReportEqualsTheLocalOne(@TempDir Path tmp) throws Exception {
    Path localOut = tmp.resolve("local-report");
    Path sparkOut = tmp.resolve("spark-report");
    String[] common = {"--data", local.toString(), "--limit", "3", "--steps", "4", "--batch", "4"};
    int rc = org.reasonbrain.app.Main.commandLine().execute(concat(new String[] {"eval", "--out", localOut.toString()}, common));
    assertEquals(0, rc);
    Object[] r = cli(concat(new String[] {"eval", "--out", sparkOut.toString(), "--partitions", "3"}, common));
    assertEquals(0, r[0], (String) r[1]);
    JsonNode a = new ObjectMapper().readTree(localOut.resolve("report.json").toFile());
    JsonNode b = new ObjectMapper().readTree(sparkOut.resolve("report.json").toFile());
    JsonNode n = a.path("by_category").path("total").path("samples");
    assertTrue(n.asInt() >= 12, "scored " + n);
    compareNumbers("", a.path("by_category"), b.path("by_category"));
    compareNumbers("", a.path("by_split"), b.path("by_split"));
    for (String f : new String[] {"report.md", "accuracy.png", "gallery.html"}) {
      assertTrue(Files.isRegularFile(sparkOut.resolve(f)), f);
    }
  }

  /** Every number of {@code a} equals the one at the same place in {@code b} (edits batched alike: float noise only). */
  static void compareNumbers(String at, JsonNode a, JsonNode b) {
    assertFalse(b.isMissingNode(), "missing " + at);
    if (a.isNumber()) {
      assertEquals(a.asDouble(), b.asDouble(), 1e-3 * Math.max(1, Math.abs(a.asDouble())), at);
    } else if (a.isObject()) {
      a.fields().forEachRemaining(e -> compareNumbers(at + "/" + e.getKey(), e.getValue(), b.path(e.getKey())));
    } else if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        compareNumbers(at + "/" + i, a.get(i), b.path(i));
      }
    }
  }

  @Test
  void evalWithAModelExecutorsCannotLoadFailsClearly(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("broken-model");
    Files.createDirectories(model.resolve("checkpoint"));
    Files.writeString(model.resolve("config.json"), "{\"preset\": \"tiny\"}");
    Files.writeString(model.resolve("checkpoint/model.safetensors"), "not a safetensors file");
    Object[] r = cli("eval", "--model", model.toString(), "--data", local.toString(), "--out", tmp.resolve("r").toString(), "--limit", "1");
    assertEquals(2, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("model.safetensors"), (String) r[1]);
    assertFalse(Files.exists(tmp.resolve("r/report.json")), "no report");

    r = cli("eval", "--model", tmp.resolve("absent").toString(), "--data", local.toString(), "--out", tmp.resolve("r").toString());
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("not a model folder"), (String) r[1]);
    assertNotEquals("", r[1]);
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
