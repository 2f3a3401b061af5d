package org.reasonbrain.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.core.io.AtomicDirs;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.infer.ContrastiveEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain model average}: the weighted average of model folders of one architecture (a model soup). */
@Command(name = "average", mixinStandardHelpOptions = true,
    description = "Average the weights of model folders of one architecture into a new model folder (a model soup: "
        + "continuations of one model that each learnt other families keep what each learnt; Wortsman et al. 2022).")
final class ModelAverageCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Model folder (exported; repeat, at least two).")
  List<Path> models = new ArrayList<>();

  @Option(names = "--weights", split = ",", description = "One weight per --model, each >= 0, summing to 1 (default: equal).")
  List<Double> weights;

  @Option(names = "--out", required = true, description = "Model folder to write (replaced as a whole when complete).")
  Path out;

  /** The config fields that make two models one architecture. */
  static final List<String> SHAPE_FIELDS = List.of("preset", "decoderBlocks", "decoderSource");

  @Override
  public Integer call() throws Exception {
    if (models.size() < 2) {
      throw new UserError("model average needs at least two --model folders, got " + models.size());
    }
    double[] w = weights(models.size(), weights);
    var json = new ObjectMapper();
    List<Map<String, Safetensors.Tensor>> all = new ArrayList<>();
    ObjectNode first = null;
    Map<String, String> meta = Map.of();
    for (Path m : models) {
      Path cfgFile = m.resolve("config.json");
      Path weightsFile = m.resolve("checkpoint/model.safetensors");
      if (!Files.isRegularFile(cfgFile) || !Files.isRegularFile(weightsFile)) {
        throw new UserError(m + ": not a model folder (needs config.json and checkpoint/model.safetensors)");
      }
      var cfg = (ObjectNode) json.readTree(cfgFile.toFile());
      if (first == null) {
        first = cfg;
      } else {
        for (String f : SHAPE_FIELDS) {
          if (!first.path(f).equals(cfg.path(f))) {
            throw new UserError(m + ": config.json field " + f + " is " + cfg.path(f) + ", " + models.get(0) + "'s is "
                + first.path(f) + "; only models of one architecture can be averaged");
          }
        }
      }
      var contents = Safetensors.read(weightsFile);
      if (all.isEmpty()) {
        meta = contents.metadata();
      }
      all.add(contents.tensors());
    }
    Map<String, Safetensors.Tensor> averaged;
    try {
      averaged = average(all, w);
    } catch (IllegalArgumentException e) {
      throw new UserError("cannot average " + models + ": " + e.getMessage());
    }
    Path tmp = AtomicDirs.createTemp(out.toAbsolutePath(), "average");
    try {
      Files.createDirectories(tmp.resolve("checkpoint"));
      Safetensors.write(tmp.resolve("checkpoint/model.safetensors"), averaged, meta);
      var from = first.putArray("averaged_from");
      var ws = first.putArray("average_weights");
      for (int i = 0; i < models.size(); i++) {
        from.add(models.get(i).toAbsolutePath().toString());
        ws.add(w[i]);
      }
      Files.writeString(tmp.resolve("config.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(first) + "\n");
      // The first model's contrastive encoder (the evaluation's CLIP scores); every model's training history.
      Path clip = models.get(0).resolve(ContrastiveEncoder.FILE);
      if (Files.isRegularFile(clip)) {
        Files.copy(clip, tmp.resolve(ContrastiveEncoder.FILE));
      }
      for (Path m : models) {
        Path hist = m.resolve("training");
        if (!Files.isDirectory(hist)) {
          continue;
        }
        try (var runs = Files.list(hist)) {
          for (Path run : (Iterable<Path>) runs::iterator) {
            Path dest = tmp.resolve("training").resolve(run.getFileName().toString());
            if (!Files.isDirectory(run) || Files.exists(dest)) {
              continue;
            }
            Files.createDirectories(dest);
            try (var files = Files.list(run)) {
              for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                  Files.copy(f, dest.resolve(f.getFileName().toString()));
                }
              }
            }
          }
        }
      }
      AtomicDirs.replace(tmp, out.toAbsolutePath());
    } catch (Exception e) {
      AtomicFiles.deleteTree(tmp);
      throw e;
    }
    System.out.printf(Locale.ROOT, "averaged %d models (weights %s) into %s: %d tensors%n", models.size(),
        Arrays.toString(w), out, averaged.size());
    return 0;
  }

  /** The weights to use: the given ones checked (one per model, each >= 0, sum 1), else equal ones. */
  static double[] weights(int n, List<Double> given) {
    if (given == null || given.isEmpty()) {
      double[] w = new double[n];
      Arrays.fill(w, 1.0 / n);
      return w;
    }
    if (given.size() != n) {
      throw new UserError("--weights gives " + given.size() + " weights for " + n + " --model folders");
    }
    double sum = 0;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double v = given.get(i);
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new UserError("--weights: weight " + (i + 1) + " is " + v + "; each must be a number >= 0");
      }
      w[i] = v;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new UserError("--weights must sum to 1, they sum to " + sum);
    }
    return w;
  }

  /**
   * The weighted average of same-named, same-shaped tensors, F16 unless some input is F32 (then F32). Fails, naming
   * the tensor, when the models do not hold the same names and shapes.
   */
  static Map<String, Safetensors.Tensor> average(
      List<Map<String, Safetensors.Tensor>> models, double[] w) {
    Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
    Map<String, Safetensors.Tensor> first = models.get(0);
    for (int m = 1; m < models.size(); m++) {
      for (String name : models.get(m).keySet()) {
        if (!first.containsKey(name)) {
          throw new IllegalArgumentException("model " + (m + 1) + " has weight " + name + ", model 1 has not");
        }
      }
    }
    for (var e : first.entrySet()) {
      long[] shape = e.getValue().shape();
      double[] sum = new double[(int) e.getValue().elements()];
      boolean full = false;
      for (int m = 0; m < models.size(); m++) {
        var t = models.get(m).get(e.getKey());
        if (t == null) {
          throw new IllegalArgumentException("model " + (m + 1) + " has no weight " + e.getKey());
        }
        if (!Arrays.equals(shape, t.shape())) {
          throw new IllegalArgumentException("weight " + e.getKey() + " is " + Arrays.toString(t.shape()) + " in model "
              + (m + 1) + ", " + Arrays.toString(shape) + " in model 1");
        }
        full |= t.dtype() == Safetensors.DType.F32;
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
          sum[i] += w[m] * v[i];
        }
      }
      float[] avg = new float[sum.length];
      for (int i = 0; i < avg.length; i++) {
        avg[i] = (float) sum[i];
      }
      out.put(e.getKey(), full ? Safetensors.Tensor.ofFloats(avg, shape)
          : Safetensors.Tensor.ofHalfs(avg, shape));
    }
    return out;
  }
}
