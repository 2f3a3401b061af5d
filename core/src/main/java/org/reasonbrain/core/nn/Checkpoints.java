package org.reasonbrain.core.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.reasonbrain.core.io.Safetensors;

/** Saves a module's parameters as safetensors and loads them back strictly. */
public final class Checkpoints {
  private Checkpoints() {}

  public static void save(Module module, Path file, Map<String, String> metadata) throws IOException {
    save(module, file, metadata, false);
  }

  /** Saves as F32, or as F16 with {@code half} (for shipping: half the size; loading widens to F32). */
  public static void save(Module module, Path file, Map<String, String> metadata, boolean half) throws IOException {
    Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
    for (var e : module.parameters().entrySet()) {
      var v = e.getValue().value();
      float[] f = v.toFloatArray();
      long[] shape = v.getShape().getShape();
      out.put(e.getKey(), half ? Safetensors.Tensor.ofHalfs(f, shape) : Safetensors.Tensor.ofFloats(f, shape));
    }
    Safetensors.write(file, out, metadata);
  }

  /**
   * Loads every parameter from {@code file}. Refuses, naming the tensor, a checkpoint with a missing,
   * extra or mis-shaped tensor; nothing is changed unless everything fits.
   */
  public static Map<String, String> load(Module module, Path file) throws IOException {
    return load(module, file, name -> false);
  }

  /**
   * As {@link #load(Module, Path)}, except that parameters named by {@code mayBeMissing} keep their current
   * values when the file lacks them (for a caller that fills them from elsewhere right after).
   */
  public static Map<String, String> load(Module module, Path file, java.util.function.Predicate<String> mayBeMissing)
      throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    Map<String, Parameter> params = new LinkedHashMap<>(module.parameters());
    params.keySet().removeIf(k -> mayBeMissing.test(k) && !c.tensors().containsKey(k));
    Set<String> missing = new TreeSet<>(params.keySet());
    missing.removeAll(c.tensors().keySet());
    if (!missing.isEmpty()) {
      throw new Safetensors.BadCheckpointException(file + ": missing tensor(s) " + missing);
    }
    Set<String> extra = new TreeSet<>(c.tensors().keySet());
    extra.removeAll(params.keySet());
    if (!extra.isEmpty()) {
      throw new Safetensors.BadCheckpointException(file + ": unexpected tensor(s) " + extra);
    }
    for (var e : params.entrySet()) {
      long[] want = e.getValue().value().getShape().getShape();
      long[] have = c.tensors().get(e.getKey()).shape();
      if (!Arrays.equals(want, have)) {
        throw new Safetensors.BadCheckpointException(file + ": tensor '" + e.getKey() + "' has shape "
            + Arrays.toString(have) + ", the model expects " + Arrays.toString(want));
      }
    }
    for (var e : params.entrySet()) {
      e.getValue().assign(c.tensors().get(e.getKey()).toFloats());
    }
    return c.metadata();
  }
}
