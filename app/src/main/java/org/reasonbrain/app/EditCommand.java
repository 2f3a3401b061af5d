package org.reasonbrain.app;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.eval.EditTasks;
import org.reasonbrain.eval.Evaluator;
import org.reasonbrain.infer.EditPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reasonbrain edit}: one image, one or more hypothetical instructions (a chain), one output; or with
 * {@code --tasks}, every task of a task file into an edits folder ({@link BatchEdit}).
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
    description = {"Edit an image by a hypothetical instruction. Repeat --instruction for a multi-step chain.",
        "With --tasks (a file from 'data tasks'), edit every task in batches into the folder --out (<id>.png each), "
            + "the folder 'eval --edits' judges."})
final class EditCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model or run folder (default: the shipped models/default).")
  Path model;

  @Option(names = "--image", description = "Input image (PNG, JPEG, GIF or BMP; any colour model).")
  Path image;

  @Option(names = "--instruction", description = "The hypothetical instruction; repeat for a chain.")
  List<String> instructions;

  @Option(names = "--tasks", description = "A task file (JSON lines, from 'data tasks'): edit every task instead of one image.")
  Path tasks;

  @Option(names = "--batch", defaultValue = "16", description = "With --tasks: tasks edited together (default ${DEFAULT-VALUE}; "
      + "the same as eval's --batch gives the same edits).")
  int batch;

  @Option(names = "--out", required = true, description = "Output PNG (written only if the edit succeeds); with --tasks, the edits "
      + "folder (edits already there are kept, so an interrupted run resumes).")
  Path out;

  @picocli.CommandLine.Mixin
  SamplingOptions sampling;

  @Option(names = "--model-size", description = "Write the edit at the model's resolution instead of carrying it onto the image at its own size.")
  boolean modelSize;

  @Override
  public Integer call() throws Exception {
    EditPipeline.Options o = sampling.options();
    if (tasks != null) {
      if (image != null || instructions != null || modelSize) {
        throw new UserError("--tasks edits the task file's images by its instructions; --image, --instruction and --model-size do not apply");
      }
      return editTasks(o);
    }
    if (image == null || instructions == null) {
      throw new UserError("give --image and --instruction (one image), or --tasks (a task file from 'data tasks')");
    }
    BufferedImage src = Images.read(image);
    try (EditPipeline p = EditPipeline.load(DefaultModel.resolve(model))) {
      sampling.apply(p);
      // Say so when the input is far from what the model was trained on, not square, or shrunk a lot (docs/ood-warning.md).
      for (String w : p.checkInput(src).warnings()) {
        System.err.println("warning: " + w);
      }
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

  /** Every task of the task file, in batches, into the edits folder {@code out}, at the model's resolution. */
  private int editTasks(EditPipeline.Options o) throws Exception {
    if (batch < 1) {
      throw new UserError("--batch must be at least 1, got " + batch);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserError(out + ": with --tasks, --out is the edits folder, and this is a file");
    }
    List<EditTasks.Task> list = EditTasks.read(tasks);
    long t0 = System.nanoTime();
    BatchEdit.Outcome done;
    try (EditPipeline p = EditPipeline.load(DefaultModel.resolve(model))) {
      sampling.apply(p);
      Evaluator.BatchEditor editor = (imgs, instrs) -> p.editBatch(imgs, instrs, o, (d, t) -> {}).stream()
          .map(EditPipeline.Result::image).toList();
      done = BatchEdit.run(list, editor, batch, out, new ProgressBar(System.err));
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "edited %d tasks in %.1f s%s; edits in %s%n", done.edited(), secs,
        done.kept() > 0 ? " (" + done.kept() + " already in the folder were kept)" : "", out);
    return 0;
  }
}
