package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.io.Safetensors.Tensor;
import picocli.CommandLine;

/** {@code model average}: the weighted mean of same-shaped weights, refused (named) for models of other shapes. */
class ModelAverageTest {
  @TempDir
  Path tmp;

  private static Map<String, Tensor> weights(float a, float b) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("w", Tensor.ofHalfs(new float[] {a, b, a + b, a - b}, 2, 2));
    m.put("bias", Tensor.ofHalfs(new float[] {b}, 1));
    return m;
  }

  @Test
  void theWeightedMeanOfEachWeight_inHalfPrecisionUnlessAnInputIsFull() {
    var avg = ModelAverageCommand.average(List.of(weights(1, 2), weights(3, -2)), new double[] {0.25, 0.75});
    assertEquals(List.of("w", "bias"), List.copyOf(avg.keySet()));
    assertArrayEquals(new long[] {2, 2}, avg.get("w").shape());
    assertEquals(Safetensors.DType.F16, avg.get("w").dtype());
    assertArrayEquals(new float[] {2.5f, -1f, 1.5f, 3.5f}, avg.get("w").toFloats(), 1e-3f);
    assertArrayEquals(new float[] {-1f}, avg.get("bias").toFloats(), 1e-3f);

    Map<String, Tensor> full = new LinkedHashMap<>(weights(3, -2));
    full.put("w", Tensor.ofFloats(new float[] {3, -2, 1, 5}, 2, 2));
    var mixed = ModelAverageCommand.average(List.of(weights(1, 2), full), new double[] {0.5, 0.5});
    assertEquals(Safetensors.DType.F32, mixed.get("w").dtype());
    assertEquals(Safetensors.DType.F16, mixed.get("bias").dtype());
    assertArrayEquals(new float[] {2f, 0f, 2f, 2f}, mixed.get("w").toFloats(), 1e-6f);
  }

  @Test
  void modelsOfOtherShapesOrNamesAreRefused_namingTheWeight() {
    Map<String, Tensor> wide = new LinkedHashMap<>(weights(1, 2));
    wide.put("w", Tensor.ofHalfs(new float[6], 2, 3));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ModelAverageCommand.average(List.of(weights(1, 2), wide), new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("weight w is [2, 3] in model 2"), e.getMessage());
    Map<String, Tensor> extra = new LinkedHashMap<>(weights(1, 2));
    extra.put("gate", Tensor.ofHalfs(new float[] {1}, 1));
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelAverageCommand.average(List.of(weights(1, 2), extra), new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("model 2 has weight gate"), e.getMessage());
    Map<String, Tensor> fewer = new LinkedHashMap<>(weights(1, 2));
    fewer.remove("bias");
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelAverageCommand.average(List.of(weights(1, 2), fewer), new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("model 2 has no weight bias"), e.getMessage());
  }

  @Test
  void weightsDefaultToEqual_andBadOnesAreNamed() {
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, ModelAverageCommand.weights(3, null), 1e-12);
    assertArrayEquals(new double[] {0.2, 0.8}, ModelAverageCommand.weights(2, List.of(0.2, 0.8)), 1e-12);
    for (List<Double> bad : List.of(List.of(0.5), List.of(0.7, 0.7), List.of(-0.5, 1.5), List.of(Double.NaN, 1.0))) {
      UserError e = assertThrows(UserError.class, () -> ModelAverageCommand.weights(2, bad));
      assertTrue(e.getMessage().contains("--weights"), e.getMessage());
    }
  }

  private Path model(String name, float a, int decoderBlocks) throws Exception {
    Path m = tmp.resolve(name);
    Files.createDirectories(m.resolve("checkpoint"));
    Safetensors.write(m.resolve("checkpoint/model.safetensors"), weights(a, 1), Map.of("preset", "tiny"));
    Files.writeString(m.resolve("config.json"),
        "{\"stage\":\"reasonbrain\",\"preset\":\"tiny\",\"decoderBlocks\":" + decoderBlocks + ",\"decoderSource\":true}");
    Files.createDirectories(m.resolve("training/run-" + name));
    Files.writeString(m.resolve("training/run-" + name + "/log.csv"), "step,loss\n1,0.5\n");
    return m;
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void theCommandWritesAModelFolder_withItsSourcesAndHistories_andRefusesOtherArchitectures() throws Exception {
    Path a = model("a", 1, 4);
    Path b = model("b", 3, 4);
    Path out = tmp.resolve("soup");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "model", "average", "--model", a.toString(), "--model", b.toString(), "--out", out.toString()), err.toString());
    var w = Safetensors.read(out.resolve("checkpoint/model.safetensors")).tensors();
    assertArrayEquals(new float[] {2f, 1f, 3f, 1f}, w.get("w").toFloats(), 1e-3f);
    var cfg = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertEquals(2, cfg.path("averaged_from").size());
    assertEquals(0.5, cfg.path("average_weights").get(1).asDouble(), 1e-12);
    assertEquals(4, cfg.path("decoderBlocks").asInt());
    assertTrue(Files.isRegularFile(out.resolve("training/run-a/log.csv")));
    assertTrue(Files.isRegularFile(out.resolve("training/run-b/log.csv")));

    Path c = model("c", 5, 2);
    Path refused = tmp.resolve("refused");
    err = new StringWriter();
    int code = run(err, "model", "average", "--model", a.toString(), "--model", c.toString(), "--out", refused.toString());
    assertTrue(code != 0);
    assertTrue(err.toString().contains("decoderBlocks"), err.toString());
    assertFalse(Files.exists(refused), "nothing written for a refused average");
    err = new StringWriter();
    code = run(err, "model", "average", "--model", a.toString(), "--out", refused.toString());
    assertTrue(code != 0 && err.toString().contains("at least two"), err.toString());
    err = new StringWriter();
    code = run(err, "model", "average", "--model", a.toString(), "--model", tmp.resolve("nothing").toString(), "--out", refused.toString());
    assertTrue(code != 0 && err.toString().contains("not a model folder"), err.toString());
  }
}
