package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.io.AtomicDirs;
import org.reasonbrain.core.io.Safetensors;
import picocli.CommandLine;

/**
 * Crash recovery: a real child JVM running the CLI is killed with SIGKILL at seeded points of
 * {@code data build}, {@code train} and {@code model export}; what it leaves must be recoverable.
 */
class CrashTest {
  /** Starts {@code reasonbrain ARGS} in a child JVM with this test's class path. */
  private static Process child(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Kills {@code p} with SIGKILL once {@code when} holds (or it exits); true if it was killed while running. */
  private static boolean killWhen(Process p, BooleanSupplier when, long extraMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && !when.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(extraMillis);
    boolean alive = p.isAlive();
    p.destroyForcibly();                              // SIGKILL on Linux: no shutdown hooks, no finally blocks
    p.waitFor(30, TimeUnit.SECONDS);
    return alive;
  }

  private static int run(String... args) {
    return Main.commandLine().setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()))
        .setErr(new java.io.PrintWriter(java.io.Writer.nullWriter())).execute(args);
  }

  private static long count(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var s = Files.walk(dir)) {
      return s.count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;                                       // the folder moved while we counted
    }
  }

  private static List<Path> leftovers(Path parent, String name) throws IOException {
    try (var s = Files.list(parent)) {
      return s.filter(p -> p.getFileName().toString().startsWith("." + name + ".") || p.getFileName().toString().startsWith(name + ".")).toList();
    }
  }

  @Test
  void aKilledDataBuildLeavesNothingACheckAcceptsAndARerunSucceeds(@TempDir Path tmp) throws Exception {
    for (long seed : new long[] {1, 2}) {
      Path out = tmp.resolve("d" + seed);
      Random r = new Random(seed);
      int files = 50 + r.nextInt(600);                 // kill once the temporary build holds this many files
      Process p = child(tmp.resolve("build" + seed + ".log"), "data", "build", "--out", out.toString(), "--samples", "300",
          "--threads", "1");
      boolean killed = killWhen(p, () -> {
        try (var s = Files.list(tmp)) {
          return s.filter(f -> f.getFileName().toString().startsWith(".d" + seed + ".building-")).mapToLong(CrashTest::count).sum() >= files;
        } catch (IOException e) {
          return false;
        }
      }, r.nextInt(200));
      assertTrue(killed, "the build finished before the kill; log: " + Files.readString(tmp.resolve("build" + seed + ".log")));
      // Killed mid-build: no dataset at OUT (data check refuses it), only an abandoned temporary folder.
      assertEquals(2, run("data", "check", out.toString(), "--shallow"), "data check accepted a killed build");
      assertTrue(!leftovers(tmp, "d" + seed).isEmpty(), "the killed build left its temporary folder");
      // The rerun succeeds and removes what the killed one left.
      assertEquals(0, run("data", "build", "--out", out.toString(), "--samples", "300", "--threads", "1"));
      assertEquals(0, run("data", "check", out.toString(), "--shallow"));
      assertEquals(List.of(), leftovers(tmp, "d" + seed));
    }
  }

  @Test
  void aKilledTrainingResumesToTheSameWeightsAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    assertEquals(0, run("data", "build", "--out", data.toString(), "--samples", "40", "--threads", "1"));
    String[] recipe = {"train", "--stage", "vae", "--data", data.toString(), "--steps", "40", "--batch", "2", "--save-every", "2",
        "--seed", "3", "--lr", "1e-3"};
    Path whole = tmp.resolve("whole");
    assertEquals(0, run(concat(recipe, "--out", whole.toString())));
    for (long seed : new long[] {1, 2}) {
      Random r = new Random(seed);
      int atLeast = 2 + 2 * r.nextInt(3);              // kill after the checkpoint of step 2, 4 or 6, mid-step or mid-save
      Path run = tmp.resolve("killed" + seed);
      Process p = child(tmp.resolve("train" + seed + ".log"), concat(recipe, "--out", run.toString()));
      boolean killed = killWhen(p, () -> step(run) >= atLeast, r.nextInt(150));
      assertTrue(killed, "training finished before the kill");
      assertEquals(0, run(concat(recipe, "--out", run.toString(), "--resume")));
      for (String f : new String[] {"model.safetensors", "optimizer.safetensors"}) {
        var a = Safetensors.read(whole.resolve("checkpoint/" + f));
        var b = Safetensors.read(run.resolve("checkpoint/" + f));
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (String k : a.tensors().keySet()) {
          assertArrayEquals(a.tensors().get(k).toFloats(), b.tensors().get(k).toFloats(), "seed " + seed + ": " + f + " " + k);
        }
      }
      assertEquals(Files.readAllLines(whole.resolve("log.csv")).size(), Files.readAllLines(run.resolve("log.csv")).size());
      assertEquals(List.of(), leftovers(run, "checkpoint"));
    }
  }

  private static int step(Path run) {
    try {
      String s = Files.readString(run.resolve("checkpoint/state.json"));
      return Integer.parseInt(s.replaceAll(".*\"step\"\\s*:\\s*(\\d+).*", "$1").trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aKilledExportLeavesTheOldModelOrTheNewOneNeverAMix(@TempDir Path tmp) throws Exception {
    // Two reasonbrain-stage runs with different weights; export the first, then kill the export of the second.
    float[][] firstOf = new float[2][];
    for (int i = 0; i < 2; i++) {
      Path run = tmp.resolve("run" + i);
      Files.createDirectories(run.resolve("checkpoint"));
      Files.writeString(run.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"reasonbrain\"}");
      try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
        var model = new org.reasonbrain.model.ReasonBrain(m, i, org.reasonbrain.model.ReasonBrainConfig.tiny());
        org.reasonbrain.core.nn.Checkpoints.save(model, run.resolve("checkpoint/model.safetensors"), Map.of());
      }
    }
    Path out = tmp.resolve("model");
    for (long seed : new long[] {1, 2, 3}) {
      for (int i = 0; i < 2; i++) {
        Path ref = tmp.resolve("ref" + i);
        if (!Files.exists(ref)) {
          assertEquals(0, run("model", "export", "--run", tmp.resolve("run" + i).toString(), "--out", ref.toString()));
          firstOf[i] = Safetensors.read(ref.resolve("checkpoint/model.safetensors")).tensors().get("unet.conv_out.weight").toFloats();
        }
      }
      assertEquals(0, run("model", "export", "--run", tmp.resolve("run0").toString(), "--out", out.toString()));
      Random r = new Random(seed);
      Process p = child(tmp.resolve("export" + seed + ".log"), "model", "export", "--run", tmp.resolve("run1").toString(), "--out",
          out.toString());
      // Kill once the export's temporary folder appears, plus a seeded delay: while writing, or while swapping.
      killWhen(p, () -> {
        try (var s = Files.list(tmp)) {
          return s.anyMatch(f -> f.getFileName().toString().startsWith(".model.export-") || f.getFileName().toString().startsWith("model."));
        } catch (IOException e) {
          return false;
        }
      }, r.nextInt(1500));
      // Every reader recovers first (EditPipeline.load does); then OUT is one complete model.
      AtomicDirs.recover(out);
      float[] now = Safetensors.read(out.resolve("checkpoint/model.safetensors")).tensors().get("unet.conv_out.weight").toFloats();
      assertTrue(java.util.Arrays.equals(now, firstOf[0]) || java.util.Arrays.equals(now, firstOf[1]), "seed " + seed + ": a mix");
      assertTrue(Files.isRegularFile(out.resolve("config.json")));
      // The next export removes what the killed one left.
      assertEquals(0, run("model", "export", "--run", tmp.resolve("run0").toString(), "--out", out.toString()));
      assertEquals(List.of(), leftovers(tmp, "model"));
    }
  }
}
