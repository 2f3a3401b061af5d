package org.reasonbrain.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.eval.EditTasks;
import org.reasonbrain.eval.Evaluator;

/**
 * {@code reasonbrain edit --tasks}: our model edits every task of a task file into an edits folder, the folder
 * {@code eval --edits} judges. Tasks are edited {@code batch} at a time in file order and a chain step by step, the
 * tasks of a batch advancing together, exactly as the in-process eval groups them, so the same model, seed and
 * batch give the same edits. Each edit is written at the model's resolution, through a temporary file renamed into
 * place; an edit already in the folder is kept (an interrupted run resumes where it stopped).
 */
final class BatchEdit {
  private BatchEdit() {}

  /** What a run did. */
  record Outcome(int edited, int kept) {}

  static Outcome run(List<EditTasks.Task> tasks, Evaluator.BatchEditor editor, int batch, Path out, Progress progress) throws IOException {
    if (batch < 1) {
      throw new UserError("--batch must be at least 1, got " + batch);
    }
    Files.createDirectories(out);
    List<EditTasks.Task> todo = tasks.stream().filter(t -> !Files.exists(out.resolve(t.edit()))).toList();
    int kept = tasks.size() - todo.size();
    progress.start("editing " + tasks.size() + " tasks", tasks.size());
    try {
      progress.resumedAt(kept);
      for (int from = 0; from < todo.size(); from += batch) {
        List<EditTasks.Task> group = todo.subList(from, Math.min(todo.size(), from + batch));
        List<BufferedImage> edits = edit(group, editor);
        for (int i = 0; i < group.size(); i++) {
          Images.writePng(out.resolve(group.get(i).edit()), edits.get(i));   // temporary file, then rename
        }
        progress.advance(group.size());
      }
    } finally {
      progress.finish();
    }
    return new Outcome(todo.size(), kept);
  }

  /** The final image of every task of a group: round r edits the tasks that have an r-th instruction. */
  private static List<BufferedImage> edit(List<EditTasks.Task> group, Evaluator.BatchEditor editor) throws IOException {
    List<BufferedImage> current = new ArrayList<>();
    int rounds = 0;
    for (EditTasks.Task t : group) {
      current.add(Images.read(Path.of(t.source())));
      rounds = Math.max(rounds, t.instructions().size());
    }
    for (int r = 0; r < rounds; r++) {
      List<Integer> who = new ArrayList<>();
      List<BufferedImage> imgs = new ArrayList<>();
      List<String> instrs = new ArrayList<>();
      for (int i = 0; i < group.size(); i++) {
        List<String> steps = group.get(i).instructions();
        if (r < steps.size()) {
          who.add(i);
          imgs.add(current.get(i));
          instrs.add(steps.get(r));
        }
      }
      List<BufferedImage> done = editor.apply(imgs, instrs);
      for (int j = 0; j < who.size(); j++) {
        current.set(who.get(j), done.get(j));
      }
    }
    return current;
  }
}
