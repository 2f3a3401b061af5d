package org.reasonbrain.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.infer.EditPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reasonbrain model own-edits}: a model's own edits of a dataset, as latents for the decoder stage. */
@Command(name = "own-edits", mixinStandardHelpOptions = true,
    description = "Sample a model's own edits of a dataset's single-step samples and write their latents (before decoding) "
        + "and the instruction's edit cells to a safetensors file, for a decoder stage trained on what this model draws "
        + "(train --stage decoder --own-edits FILE).")
final class ModelOwnEditsCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model folder (default: the shipped model).")
  Path model;

  @Option(names = "--data", required = true, description = "Dataset folder.")
  Path data;

  @Option(names = "--split", defaultValue = "train", description = "Split whose samples are edited (default ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--limit", defaultValue = "2000", description = "At most this many samples, in manifest order (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--batch", defaultValue = "16", description = "Samples edited per batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Mixin
  SamplingOptions sampling = new SamplingOptions();

  @Option(names = "--out", required = true, description = "File to write (.safetensors; replaced when complete).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (limit < 1 || batch < 1) {
      throw new UserError("--limit and --batch must be at least 1");
    }
    Dataset ds;
    try {
      ds = Dataset.load(data);
    } catch (Dataset.InvalidDatasetException e) {
      throw new UserError(e.getMessage());
    }
    List<Sample> chosen = ds.split(split).stream()
        .filter(x -> x.steps().isEmpty()).limit(limit).toList();
    if (chosen.isEmpty()) {
      throw new UserError(data + " has no single-step samples in split '" + split + "'");
    }
    Path dir = DefaultModel.resolve(model);
    EditPipeline.Options o = sampling.options();
    float[] latents = null;
    float[] cells = null;
    long[] shape = null;
    ProgressBar bar = new ProgressBar(System.err);
    try (EditPipeline p = sampling.apply(EditPipeline.load(dir))) {
      bar.start("own edits", chosen.size());
      for (int i = 0; i < chosen.size(); i += batch) {
        var part = chosen.subList(i, Math.min(chosen.size(), i + batch));
        List<BufferedImage> images = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        for (var x : part) {
          images.add(ds.image(x.source()));
          instructions.add(x.instruction());
        }
        EditPipeline.EditLatents e = p.editLatents(images, instructions, o);
        if (latents == null) {
          shape = e.shape().clone();
          shape[0] = chosen.size();
          latents = new float[Math.toIntExact(chosen.size() * e.latents().length / part.size())];
          cells = e.editCells() == null ? null : new float[Math.toIntExact(chosen.size() * e.editCells().length / part.size())];
        }
        System.arraycopy(e.latents(), 0, latents, i * (latents.length / chosen.size()), e.latents().length);
        if (cells != null) {
          System.arraycopy(e.editCells(), 0, cells, i * (cells.length / chosen.size()), e.editCells().length);
        }
        bar.advance(part.size());
      }
      bar.finish();
    }
    var tensors = new LinkedHashMap<String, Safetensors.Tensor>();
    tensors.put("latents", Safetensors.Tensor.ofFloats(latents, shape));
    if (cells != null) {
      tensors.put("edit_cells", Safetensors.Tensor.ofFloats(cells, shape[0], 1, shape[2], shape[3]));
    }
    var json = new ObjectMapper();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("ids", json.writeValueAsString(chosen.stream().map(Sample::id).toList()));
    meta.put("model", dir.toAbsolutePath().toString());
    meta.put("data", data.toAbsolutePath().toString());
    meta.put("split", split);
    meta.put("options", o.toString());
    Safetensors.write(out, tensors, meta);
    System.out.println("wrote " + chosen.size() + " edits' latents " + Arrays.toString(shape) + " to " + out);
    return 0;
  }
}
