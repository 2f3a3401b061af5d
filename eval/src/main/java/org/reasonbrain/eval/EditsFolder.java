package org.reasonbrain.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/**
 * Judges an edits folder made by any program ({@code reasonbrain eval --edits DIR}). The layout, part of the
 * benchmark: one image per sample, {@code DIR/<id>.png} (or {@code .jpg} / {@code .jpeg}; PNG first where several
 * exist), for a chain the image after its last step; {@code <id>_step<k>.png} files and files of samples not scored
 * are ignored. An edit may have any size of the build's aspect ratio (within {@value #ASPECT_TOLERANCE}): a larger one
 * is area-averaged down to the build's size ({@link Images#resizeArea}), a smaller one upscaled bilinearly as the
 * in-process eval upscales the model's own edits. A missing, unreadable or wrong-shaped edit is listed with its
 * reason and counts as a failure: its row fails lenient and strict, and its image metrics are those of a black image.
 */
public final class EditsFolder {
  /** The file endings looked for, in order of preference. */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");
  /** Largest relative difference between the edit's aspect ratio (width / height) and the build's. */
  public static final double ASPECT_TOLERANCE = 0.02;

  private EditsFolder() {}

  /** An edit that could not be judged. */
  public record Problem(String id, String file, String reason) {}

  /**
   * The rows of every sample in order (failures included), what went wrong, and the files in the folder that name
   * no sample of the dataset (typos, or another build's ids).
   */
  public record Result(List<Evaluator.Row> rows, List<Problem> problems, List<String> unknownFiles) {
    public int judged() {
      return rows.size() - problems.size();
    }
  }

  /** Reads and scores the edit of every sample of {@code samples} found in {@code dir}. */
  public static Result judge(Evaluator evaluator, Dataset ds, List<Sample> samples, Path dir, Progress progress) throws IOException {
    return judge(evaluator, ds, samples, dir, progress, Map.of());
  }

  /**
   * The same, with {@code whyMissing} saying why the program that filled the folder wrote no edit for some samples
   * (sample id -> reason, such as an editor API's error): a missing edit is reported with that reason.
   */
  public static Result judge(Evaluator evaluator, Dataset ds, List<Sample> samples, Path dir, Progress progress,
      Map<String, String> whyMissing) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": no such edits folder (one <id>.png per sample; see docs/score-your-editor.md)");
    }
    Map<String, Path> files = new HashMap<>();        // sample id -> its edit file
    List<String> unknown = new ArrayList<>();
    Set<String> allIds = new HashSet<>();
    ds.samples().forEach(s -> allIds.add(s.id()));
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          continue;                                     // hidden files, half-written temporary files
        }
        String id = idOf(name);
        if (id != null && allIds.contains(id)) {
          Path before = files.get(id);
          if (before == null || rank(name) < rank(before.getFileName().toString())) {
            files.put(id, f);
          }
        } else if (id == null || !isStep(id, allIds)) {
          unknown.add(name);
        }
      }
    }
    List<Evaluator.Row> rows = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    progress.start("judging " + samples.size() + " edits", samples.size());
    try {
      for (Sample s : samples) {
        BufferedImage target = ds.image(s.target());
        int w = target.getWidth();
        int h = target.getHeight();
        Path f = files.get(s.id());
        String problem;
        BufferedImage edit = null;
        if (f == null) {
          String why = whyMissing.get(s.id());
          problem = why != null ? "missing: " + why : "missing (no " + s.id() + ".png, .jpg or .jpeg)";
        } else {
          try {
            edit = fit(Images.read(f), w, h);
            problem = null;
          } catch (Images.BadImageException e) {
            problem = "unreadable: " + e.getMessage().replace(f.toString() + ": ", "");
          } catch (IllegalArgumentException e) {
            problem = e.getMessage();
          }
        }
        if (problem == null) {
          rows.add(evaluator.score(s, edit));
        } else {
          problems.add(new Problem(s.id(), f == null ? EditTasks.editFile(s.id()) : f.getFileName().toString(), problem));
          rows.add(failed(evaluator.score(s, new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB))));
        }
        progress.advance(1);
      }
    } finally {
      progress.finish();
    }
    return new Result(rows, problems, unknown);
  }

  /**
   * The edit at the build's size {@code w} x {@code h}: area-averaged down when larger, bilinear up when smaller;
   * an {@link IllegalArgumentException} saying so when its aspect ratio is not the build's.
   */
  public static BufferedImage fit(BufferedImage edit, int w, int h) {
    int ew = edit.getWidth();
    int eh = edit.getHeight();
    double want = w / (double) h;
    double got = ew / (double) eh;
    if (Math.abs(got - want) > ASPECT_TOLERANCE * want) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "wrong shape: %dx%d, the build's images are %dx%d (the aspect ratio must match within %.0f%%; crop or pad it as the source was)",
          ew, eh, w, h, 100 * ASPECT_TOLERANCE));
    }
    return ew >= w && eh >= h ? Images.resizeArea(edit, w, h) : Images.resize(Images.toRgb(edit), w, h);
  }

  /** The same row with a verdict that fails lenient and strict (and names no nearest wrong outcome). */
  private static Evaluator.Row failed(Evaluator.Row r) {
    Judge.Verdict v = r.verdict();
    Judge.Verdict no = v == null ? null : new Judge.Verdict(false, false, v.toTarget(), v.toNearestDistractor(), v.outsideL1(), -1);
    return new Evaluator.Row(r.sample(), r.source(), r.edit(), r.target(), no, r.idSsim(), r.idL1(), r.l1(), r.psnr(), r.ssim(),
        r.clip(), r.mllm(), r.dino());
  }

  /** The sample id a file names ({@code rw000001.png} -> {@code rw000001}), or null for another ending. */
  private static String idOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : EXTENSIONS) {
      if (lower.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return null;
  }

  private static int rank(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < EXTENSIONS.size(); i++) {
      if (lower.endsWith(EXTENSIONS.get(i))) {
        return i;
      }
    }
    return EXTENSIONS.size();
  }

  /** True for {@code <id>_step<k>}, an optional intermediate image of a chain (ignored). */
  private static boolean isStep(String base, Set<String> ids) {
    int at = base.lastIndexOf("_step");
    return at > 0 && ids.contains(base.substring(0, at)) && base.substring(at + 5).matches("[0-9]+");
  }

  /**
   * Adds the edits folder's account to a report written by {@link Report#write}: an "edits" object in report.json
   * (folder, samples, judged, every problem, unknown files) and a section in report.md listing the problems.
   */
  public static void annotate(Path reportDir, Path editsDir, Result r) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path jsonFile = reportDir.resolve("report.json");
    ObjectNode root = (ObjectNode) json.readTree(jsonFile.toFile());
    ObjectNode e = root.putObject("edits");
    e.put("folder", editsDir.toAbsolutePath().toString());
    e.put("samples", r.rows().size());
    e.put("judged", r.judged());
    e.put("failed_to_read", r.problems().size());
    e.set("problems", json.valueToTree(r.problems()));
    e.set("unknown_files", json.valueToTree(r.unknownFiles()));
    AtomicFiles.writeString(jsonFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");

    StringBuilder md = new StringBuilder(Files.readString(reportDir.resolve("report.md")));
    md.append("\n## Edits folder\n\n`").append(editsDir.toAbsolutePath()).append("`: ").append(r.judged()).append(" of ")
        .append(r.rows().size()).append(" samples had a usable edit.");
    if (!r.problems().isEmpty()) {
      md.append(' ').append(r.problems().size()).append(" could not be judged and count as failures (lenient and strict; ")
          .append("image metrics of a black image):\n\n| sample | file | reason |\n|---|---|---|\n");
      int shown = Math.min(500, r.problems().size());
      for (Problem p : r.problems().subList(0, shown)) {
        md.append("| ").append(p.id()).append(" | ").append(p.file()).append(" | ").append(p.reason().replace("|", "\\|")).append(" |\n");
      }
      if (shown < r.problems().size()) {
        md.append("\n... and ").append(r.problems().size() - shown).append(" more in report.json.\n");
      }
    } else {
      md.append('\n');
    }
    if (!r.unknownFiles().isEmpty()) {
      md.append("\n").append(r.unknownFiles().size()).append(" file(s) in the folder name no sample of the dataset and were ignored: ")
          .append(String.join(", ", r.unknownFiles().subList(0, Math.min(20, r.unknownFiles().size()))))
          .append(r.unknownFiles().size() > 20 ? ", ..." : "").append('\n');
    }
    AtomicFiles.writeString(reportDir.resolve("report.md"), md.toString());
  }
}
