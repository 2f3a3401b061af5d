package org.reasonbrain.app;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.Evaluator;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.encoders.TextEncoder;
import org.reasonbrain.train.Trainer;

/**
 * The trainer's accuracy curve: the first {@code n} single-step val samples, edited in batches with the
 * edit pipeline (seed 0, guidance 7.5 / 1.5, deterministic DDIM: the settings every curve so far was read with)
 * and scored by the programmatic judge, lenient and strict.
 * Wired here because the trainer may not import the pipeline or the judge.
 */
final class AccuracyProbe {
  private AccuracyProbe() {}

  static Trainer.Probe on(Dataset ds, int n, int steps, TextEncoder text) {
    List<Sample> val = ds.split("val").stream().filter(s -> s.steps().isEmpty() && !s.distractorTargets().isEmpty()).limit(n).toList();
    if (val.isEmpty()) {
      throw new UserError(ds.dir() + ": no val samples with distractors for the accuracy curve (--eval-every)");
    }
    EditPipeline.Options o = new EditPipeline.Options(steps, 7.5, 1.5, 0, 0, org.reasonbrain.sampling.DdimSampler.Spacing.LEADING, 0);
    return model -> {
      try (NDManager m = NDManager.newBaseManager()) {
        EditPipeline p = new EditPipeline(m, model, text);
        Evaluator.BatchEditor editor = (imgs, instrs) -> p.editBatch(imgs, instrs, o, (d, t) -> {}).stream().map(EditPipeline.Result::image).toList();
        List<Evaluator.Row> rows = new Evaluator(ds).run(val, editor, 16, Progress.NONE);
        Map<String, Double> total = Evaluator.summarize(rows, r -> r.sample().category()).get("total");
        return new Trainer.Probe.Score(total.get("accuracy_lenient"), total.get("accuracy_strict"), rows.size());
      }
    };
  }
}
