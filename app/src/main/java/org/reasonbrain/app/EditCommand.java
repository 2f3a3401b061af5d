package org.reasonbrain.app;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.infer.EditPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain edit}: one image, one or more hypothetical instructions (a chain), one output. */
@Command(name = "edit", mixinStandardHelpOptions = true,
    description = "Edit an image by a hypothetical instruction. Repeat --instruction for a multi-step chain.")
final class EditCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model or run folder (default: the shipped models/default).")
  Path model;

  @Option(names = "--image", required = true, description = "Input image (PNG, JPEG, GIF or BMP; any colour model).")
  Path image;

  @Option(names = "--instruction", required = true, description = "The hypothetical instruction; repeat for a chain.")
  List<String> instructions;

  @Option(names = "--out", required = true, description = "Output PNG (written only if the edit succeeds).")
  Path out;

  @picocli.CommandLine.Mixin
  SamplingOptions sampling;

  @Option(names = "--model-size", description = "Write the edit at the model's resolution instead of carrying it onto the image at its own size.")
  boolean modelSize;

  @Override
  public Integer call() throws Exception {
    EditPipeline.Options o = sampling.options();
    BufferedImage src = Images.read(image);
    try (EditPipeline p = EditPipeline.load(DefaultModel.resolve(model))) {
      sampling.apply(p);
      BufferedImage current = src;
      ProgressBar bar = new ProgressBar(System.err);
      for (int i = 0; i < instructions.size(); i++) {
        bar.start("step " + (i + 1) + "/" + instructions.size() + " denoising", o.steps());
        EditPipeline.Result r = p.edit(current, instructions.get(i), o, (d, t) -> bar.advance(1));
        bar.finish();
        System.out.printf("%s -> objects %s, category %s, %.2f s%n", instructions.get(i), r.objects(), r.category(), r.seconds());
        current = r.image();
      }
      // The model edits at its resolution; the change is carried onto the image at its own size (unchanged parts keep every pixel).
      Images.writePng(out, modelSize ? current : org.reasonbrain.infer.FullResolution.carry(src, current));
      System.out.println("wrote " + out);
    }
    return 0;
  }
}
