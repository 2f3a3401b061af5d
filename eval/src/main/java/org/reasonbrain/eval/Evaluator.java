package org.reasonbrain.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.reasonbrain.core.image.ImageMetrics;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/**
 * Scores an editor on any dataset in the manifest format: the judge where distractors exist,
 * identity preservation (SSIM and L1 to the source outside the edit mask) and L1 / PSNR / SSIM to
 * the target everywhere. Multi-step samples are edited step by step, each step's output feeding the
 * next instruction (Table A5).
 */
public final class Evaluator {
  /** The editor under test: (image, instruction) -> edited image. */
  public interface Editor extends BiFunction<BufferedImage, String, BufferedImage> {}

  /** An editor that edits several (image, instruction) pairs at once (same order in, same order out). */
  @FunctionalInterface
  public interface BatchEditor {
    List<BufferedImage> apply(List<BufferedImage> images, List<String> instructions);
  }

  /** Any image embedder for the DINO-style image similarity (cosine of edit and target embeddings). */
  @FunctionalInterface
  public interface ImageEmbedder {
    float[] embed(BufferedImage image);
  }

  /** One evaluated sample. */
  public record Row(Sample sample, BufferedImage source, BufferedImage edit, BufferedImage target, Judge.Verdict verdict,
      double idSsim, double idL1, double l1, double psnr, double ssim, ClipScores.Scores clip, Integer mllm, Double dino) {}

  private final Dataset dataset;
  private ImageTextEncoder clip;
  private MllmJudge mllmJudge;
  private ImageEmbedder dino;

  public Evaluator(Dataset dataset) {
    this.dataset = dataset;
  }

  /** Adds the CLIP family of scores with this encoder pair. */
  public Evaluator withClip(ImageTextEncoder encoder) {
    this.clip = encoder;
    return this;
  }

  /** Adds the MLLM score (App. D) from this judge. */
  public Evaluator withMllmJudge(MllmJudge judge) {
    this.mllmJudge = judge;
    return this;
  }

  /** Adds the DINO-style image similarity (edit vs target) with this embedder. */
  public Evaluator withDino(ImageEmbedder embedder) {
    this.dino = embedder;
    return this;
  }

  public List<Row> run(List<Sample> samples, Editor editor, Progress progress) throws IOException {
    return run(samples, (imgs, instrs) -> {
      List<BufferedImage> out = new ArrayList<>();
      for (int i = 0; i < imgs.size(); i++) {
        out.add(editor.apply(imgs.get(i), instrs.get(i)));
      }
      return out;
    }, 1, progress);
  }

  /**
   * Edits the samples {@code batch} at a time and scores them. A multi-step sample is edited step by
   * step (each step's output is the next step's input); the samples of a batch advance together.
   */
  public List<Row> run(List<Sample> samples, BatchEditor editor, int batch, Progress progress) throws IOException {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }
    List<Row> out = new ArrayList<>();
    progress.start("evaluating " + samples.size() + " samples", samples.size());
    try {
      for (int from = 0; from < samples.size(); from += batch) {
        List<Sample> group = samples.subList(from, Math.min(samples.size(), from + batch));
        List<BufferedImage> edits = edit(group, editor);
        for (int i = 0; i < group.size(); i++) {
          out.add(score(group.get(i), edits.get(i)));
        }
        progress.advance(group.size());
      }
    } finally {
      progress.finish();
    }
    return out;
  }

  private List<BufferedImage> edit(List<Sample> group, BatchEditor editor) throws IOException {
    List<BufferedImage> current = new ArrayList<>();
    List<List<String>> steps = new ArrayList<>();
    int rounds = 0;
    for (Sample s : group) {
      current.add(dataset.image(s.source()));
      List<String> st = s.steps().isEmpty() ? List.of(s.instruction()) : s.steps().stream().map(Sample.StepRef::instruction).toList();
      steps.add(st);
      rounds = Math.max(rounds, st.size());
    }
    for (int r = 0; r < rounds; r++) {
      List<Integer> who = new ArrayList<>();
      List<BufferedImage> imgs = new ArrayList<>();
      List<String> instrs = new ArrayList<>();
      for (int i = 0; i < group.size(); i++) {
        if (r < steps.get(i).size()) {
          who.add(i);
          imgs.add(current.get(i));
          instrs.add(steps.get(i).get(r));
        }
      }
      List<BufferedImage> done = editor.apply(imgs, instrs);
      if (done.size() != who.size()) {
        throw new IllegalStateException("the editor returned " + done.size() + " images for " + who.size() + " inputs");
      }
      for (int j = 0; j < who.size(); j++) {
        current.set(who.get(j), done.get(j));
      }
    }
    return current;
  }

  /** Scores an edit of a sample (also usable with edits made elsewhere). */
  public Row score(Sample s, BufferedImage edit) throws IOException {
    BufferedImage target = dataset.image(s.target());
    int w = target.getWidth();
    int h = target.getHeight();
    BufferedImage source = Images.resize(dataset.image(s.source()), w, h);
    BufferedImage e = Images.resize(Images.toRgb(edit), w, h);
    Judge.Verdict v = null;
    if (!s.distractorTargets().isEmpty()) {
      List<BufferedImage> ds = new ArrayList<>();
      for (var d : s.distractorTargets()) {
        ds.add(dataset.image(d.path()));
      }
      v = Judge.judge(e, source, target, ds);
    }
    boolean[] outside = null;
    if (s.editMask() != null) {
      boolean[] m = dataset.mask(s.editMask(), w, h);
      outside = new boolean[m.length];
      for (int i = 0; i < m.length; i++) {
        outside[i] = !m[i];
      }
    }
    float[] ef = Images.toFloatHwc(e);
    float[] sf = Images.toFloatHwc(source);
    float[] tf = Images.toFloatHwc(target);
    // Without captions, the input text lists the source's objects and the output text is the explicit instruction.
    String inputText = "a picture of " + String.join(", ", s.masks().isEmpty() ? s.objects()
        : s.masks().stream().map(Sample.MaskRef::label).toList());
    String outputText = s.initialInstruction().isBlank() ? s.instruction() : s.initialInstruction();
    ClipScores.Scores cs = clip == null ? null : ClipScores.score(clip, source, e, inputText, outputText);
    Integer judged = mllmJudge == null ? null : mllmJudge.judge(e, inputText, s.instruction(), outputText);
    Double dinoSim = dino == null ? null : ClipScores.cosine(dino.embed(e), dino.embed(target));
    return new Row(s, source, e, target, v, ImageMetrics.ssim(ef, sf, w, h, outside), ImageMetrics.l1(ef, sf, outside), ImageMetrics.l1(ef, tf, null),
        ImageMetrics.psnr(ef, tf, null), ImageMetrics.ssim(ef, tf, w, h, null), cs, judged, dinoSim);
  }

  /**
   * A row scored elsewhere (another process, say a Spark executor), rebuilt from its edit and numbers: the
   * source and target images are read as {@link #score} reads them.
   */
  public Row restore(Sample s, BufferedImage edit, Judge.Verdict verdict, double idSsim, double idL1, double l1, double psnr,
      double ssim, ClipScores.Scores clip, Integer mllm, Double dino) throws IOException {
    BufferedImage target = dataset.image(s.target());
    int w = target.getWidth();
    int h = target.getHeight();
    BufferedImage source = Images.resize(dataset.image(s.source()), w, h);
    return new Row(s, source, Images.resize(Images.toRgb(edit), w, h), target, verdict, idSsim, idL1, l1, psnr, ssim, clip, mllm, dino);
  }

  /** Means of every metric, grouped by a key (category, split, steps). */
  public static Map<String, Map<String, Double>> summarize(List<Row> rows, java.util.function.Function<Row, String> key) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    groups.put("total", rows);
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (var e : groups.entrySet()) {
      List<Row> g = e.getValue();
      Map<String, Double> m = new LinkedHashMap<>();
      List<Row> judged = g.stream().filter(r -> r.verdict() != null).toList();
      m.put("samples", (double) g.size());
      m.put("accuracy_lenient", judged.isEmpty() ? Double.NaN : judged.stream().filter(r -> r.verdict().lenient()).count() / (double) judged.size());
      m.put("accuracy_strict", judged.isEmpty() ? Double.NaN : judged.stream().filter(r -> r.verdict().strict()).count() / (double) judged.size());
      // The judged count, each accuracy's 95% Wilson interval, and the chance level: the mean over judged
      // samples of 1 / (1 + distractors), what an edit that lands on a random option would score.
      int lenient = (int) judged.stream().filter(r -> r.verdict().lenient()).count();
      int strict = (int) judged.stream().filter(r -> r.verdict().strict()).count();
      double[] lci = Controls.wilson(lenient, judged.size());
      double[] sci = Controls.wilson(strict, judged.size());
      m.put("judged", (double) judged.size());
      m.put("accuracy_lenient_lo", lci[0]);
      m.put("accuracy_lenient_hi", lci[1]);
      m.put("accuracy_strict_lo", sci[0]);
      m.put("accuracy_strict_hi", sci[1]);
      m.put("chance", judged.stream().mapToDouble(r -> 1.0 / (1 + r.sample().distractorTargets().size())).average().orElse(Double.NaN));
      m.put("id_ssim", g.stream().mapToDouble(Row::idSsim).average().orElse(Double.NaN));
      m.put("id_l1", g.stream().mapToDouble(Row::idL1).average().orElse(Double.NaN));
      m.put("l1", g.stream().mapToDouble(Row::l1).average().orElse(Double.NaN));
      m.put("psnr", g.stream().mapToDouble(Row::psnr).average().orElse(Double.NaN));
      m.put("ssim", g.stream().mapToDouble(Row::ssim).average().orElse(Double.NaN));
      m.put("clip_score", g.stream().filter(r -> r.clip() != null).mapToDouble(r -> r.clip().clipOut()).average().orElse(Double.NaN));
      m.put("clip_dir", g.stream().filter(r -> r.clip() != null).mapToDouble(r -> r.clip().clipDir()).average().orElse(Double.NaN));
      m.put("clip_im", g.stream().filter(r -> r.clip() != null).mapToDouble(r -> r.clip().clipIm()).average().orElse(Double.NaN));
      m.put("dino", g.stream().filter(r -> r.dino() != null).mapToDouble(Row::dino).average().orElse(Double.NaN));
      m.put("mllm_score", g.stream().filter(r -> r.mllm() != null).mapToDouble(r -> r.mllm()).average().orElse(Double.NaN));
      out.put(e.getKey(), m);
    }
    return out;
  }
}
