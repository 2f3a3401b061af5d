package org.reasonbrain.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reasonbrain.core.Rng;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.core.text.NounChunker;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.diffusion.Autoencoder;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;
import org.reasonbrain.model.encoders.TextEncoder;
import org.reasonbrain.model.frce.ColorSegmenter;
import org.reasonbrain.model.frce.Segmenter;
import org.reasonbrain.sampling.DdimSampler;
import org.reasonbrain.sampling.Guidance;
import org.reasonbrain.sampling.NoiseSchedule;

/**
 * Inference only: image + hypothetical instruction -> edited image, in numbered steps (as diffusers'
 * pipelines). Also returns what it inferred: the referenced objects and the reasoning category.
 */
public final class EditPipeline implements AutoCloseable {
  /** Instructions longer than this are refused. */
  public static final int MAX_INSTRUCTION = 300;

  private final NDManager manager;
  private final ReasonBrain model;
  private final TextEncoder text;
  private final CategoryGuesser categories;
  private final Segmenter segmenter = new ColorSegmenter();
  private final DdimSampler ddim = new DdimSampler(NoiseSchedule.stableDiffusion());

  /** See {@link #sourceEditMask(double)}; 0 = off. */
  private double sourceEditMask;

  /** See {@link #keepPixels(double)}; 0 = off. */
  private double keepPixels;

  /** See {@link #inputThreshold(double)}. */
  private double inputThreshold = InputCheck.MAX_RECONSTRUCTION_ERROR;

  public EditPipeline(NDManager manager, ReasonBrain model, TextEncoder text) {
    this.manager = manager;
    this.model = model;
    this.text = text;
    this.categories = new CategoryGuesser(text, manager);
  }

  /** Loads a run folder ({@code config.json} + {@code checkpoint/model.safetensors}). */
  public static EditPipeline load(Path run) throws IOException {
    org.reasonbrain.core.io.AtomicDirs.recover(run.toAbsolutePath());
    Path cfgFile = run.resolve("config.json");
    Path weights = run.resolve("checkpoint/model.safetensors");
    if (!Files.isRegularFile(cfgFile) || !Files.isRegularFile(weights)) {
      throw new IOException(run + ": not a model run folder (needs config.json and checkpoint/model.safetensors)");
    }
    JsonNode cfg = new ObjectMapper().readTree(cfgFile.toFile());
    String preset = cfg.path("preset").asText("tiny");
    JsonNode gate = cfg.path("decoderSourceGate");
    if (!gate.isMissingNode() && (!gate.isNumber() || !(gate.asDouble() >= 0) || Double.isInfinite(gate.asDouble()))) {
      throw new IOException(cfgFile + ": 'decoderSourceGate' must be a finite number >= 0, got " + gate);
    }
    JsonNode editMask = cfg.path("decoderSourceEditMask");
    if (!editMask.isMissingNode() && (!editMask.isNumber() || !(editMask.asDouble() >= 0 && editMask.asDouble() < 1))) {
      throw new IOException(cfgFile + ": 'decoderSourceEditMask' must be a number in [0, 1), got " + editMask);
    }
    JsonNode keep = cfg.path("keepPixels");
    if (!keep.isMissingNode() && (!keep.isNumber() || !(keep.asDouble() >= 0 && keep.asDouble() <= 0.5))) {
      throw new IOException(cfgFile + ": 'keepPixels' must be a number in [0, 0.5], got " + keep);
    }
    JsonNode inputThreshold = cfg.path("inputCheckThreshold");
    if (!inputThreshold.isMissingNode() && (!inputThreshold.isNumber() || !(inputThreshold.asDouble() > 0 && inputThreshold.asDouble() <= 1))) {
      throw new IOException(cfgFile + ": 'inputCheckThreshold' must be a number in (0, 1], got " + inputThreshold);
    }
    NDManager m = NDManager.newBaseManager();
    try {
      ReasonBrain model = new ReasonBrain(m, 0, ReasonBrainConfig.of(preset, cfg.path("decoderBlocks").asInt(0),
          cfg.path("decoderSource").asBoolean(false)).withDecoderSourceGate(gate.asDouble(0)));
      Checkpoints.load(model, weights);
      return new EditPipeline(m, model, new MiniLmTextEncoder()).sourceEditMask(editMask.asDouble(0)).keepPixels(keep.asDouble(0))
          .inputThreshold(inputThreshold.asDouble(InputCheck.MAX_RECONSTRUCTION_ERROR));
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  public ReasonBrain model() {
    return model;
  }

  /**
   * With a decoder that reads the source: tell its branch where the edit is from what the instruction does to the
   * denoiser (DiffEdit's mask, Couairon et al. 2022, from the guidance this pipeline computes anyway): the per-cell
   * |epsilon(image, text) - epsilon(image, null text)|, averaged over channels and summed over the DDIM steps, is
   * the instruction's drive; cells at or above {@code ratio} of an image's largest (grown by one cell) are the
   * edit's, and there the branch adds nothing. 0 turns it off (the model's own gate, if any, applies). Recorded
   * in a model's config.json as {@code decoderSourceEditMask} ({@code model export --decoder-source-edit-mask}).
   */
  public double sourceEditMask() {
    return sourceEditMask;
  }

  /** Sets {@link #sourceEditMask()}: a ratio in [0, 1). */
  public EditPipeline sourceEditMask(double ratio) {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new IllegalArgumentException("source edit mask ratio must be in [0, 1) (0 = off), got " + ratio);
    }
    this.sourceEditMask = ratio;
    return this;
  }

  /**
   * Keeps the source's own pixels where the decoded edit differs from the source's own latent decoded the same way
   * by at most {@code threshold} (0-1 scale; {@link KeepUnchanged#blendPixels}), so that what the edit did not
   * change is the source itself, sharp, and a decoder that smears a change into the pixels around it (a house drawn
   * darker when the sky turns to night) does not count as an edit there. With {@link #sourceEditMask()} on, the cells
   * of the instruction's edit mask (not grown) are the edit's whatever the difference (a faint change, a moved paper
   * clip, a crack, is often no larger than such a smear); without it every pixel is judged alone. Not in the paper;
   * off by default (docs/autoencoder.md, "Keeping the source's pixels"); 0 turns it off.
   * Recorded in a model's config.json as {@code keepPixels} ({@code model export --keep-pixels}).
   */
  public double keepPixels() {
    return keepPixels;
  }

  /** Sets {@link #keepPixels()}: a threshold in [0, 0.5] (0 = off). */
  public EditPipeline keepPixels(double threshold) {
    if (!(threshold >= 0 && threshold <= 0.5)) {
      throw new IllegalArgumentException("keep-pixels threshold must be in [0, 0.5] (0 = off), got " + threshold);
    }
    this.keepPixels = threshold;
    return this;
  }

  /**
   * The autoencoder reconstruction error above which {@link #checkInput} calls an input far from the training scenes;
   * default {@link InputCheck#MAX_RECONSTRUCTION_ERROR} (docs/ood-warning.md). Recorded in a model's config.json as
   * {@code inputCheckThreshold}.
   */
  public double inputThreshold() {
    return inputThreshold;
  }

  /** Sets {@link #inputThreshold()}: a number in (0, 1]. */
  public EditPipeline inputThreshold(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("input check threshold must be in (0, 1], got " + threshold);
    }
    this.inputThreshold = threshold;
    return this;
  }

  /**
   * Whether {@code image} looks like what the model was trained on ({@link InputCheck}): its autoencoder's
   * reconstruction error, and notes on a non-square or much larger image. Costs one encode and decode at the
   * model's resolution; the edit itself does not depend on it.
   */
  public InputCheck.Report checkInput(BufferedImage image) {
    try (NDManager m = manager.newSubManager()) {
      model.tempAttach(m);
      return InputCheck.check(m, model.vae(), model.config().imageSize(), image, inputThreshold);
    }
  }

  /** The frozen text encoder E_T (owned by this pipeline). */
  public TextEncoder textEncoder() {
    return text;
  }

  /**
   * Sampling options; defaults: 20 DDIM steps, text guidance 7.5, image guidance 4 (see {@link #TEXT_GUIDANCE}),
   * preserve {@value #PRESERVE} (see {@link KeepUnchanged}; 0 returns the decoded sample as it is), DDIM
   * timesteps spaced {@value #SPACING} (see {@link DdimSampler.Spacing}).
   */
  public record Options(int steps, double textGuidance, double imageGuidance, long seed, double preserve,
      DdimSampler.Spacing spacing, double eta) {
    /**
     * Default guidance scales: text 7.5 (InstructPix2Pix's), image 4 (theirs is 1.5), chosen for the shipped
     * model by a sweep on the val split of its training build and the controls (docs/guidance.md): a
     * higher image scale made its edits sharper and more often right; a lower text scale scored a little
     * higher still but made the edit follow the scene more than the instruction. Strings for option defaults.
     */
    public static final String TEXT_GUIDANCE = "7.5";
    public static final String IMAGE_GUIDANCE = "4";
    /**
     * Default threshold of {@link KeepUnchanged}: the RMS change over a latent cell's channels below which the
     * cell counts as unchanged and the source's own pixels are kept there. Chosen on the val split of the
     * shipped model's training build (docs/autoencoder.md, "Keeping the unchanged part").
     */
    public static final String PRESERVE = "0";

    /** Default spacing of the DDIM timesteps (a string for option defaults). */
    public static final String SPACING = "leading";

    /** Default DDIM eta: 0, deterministic (a string for option defaults; docs/guidance.md). */
    public static final String ETA = "0";

    /** Options without source keeping (preserve 0), default spacing. */
    public Options(int steps, double textGuidance, double imageGuidance, long seed) {
      this(steps, textGuidance, imageGuidance, seed, 0);
    }

    /** Options with the default spacing. */
    public Options(int steps, double textGuidance, double imageGuidance, long seed, double preserve) {
      this(steps, textGuidance, imageGuidance, seed, preserve, DdimSampler.Spacing.parse(SPACING));
    }

    /** Options with the default (deterministic) eta. */
    public Options(int steps, double textGuidance, double imageGuidance, long seed, double preserve, DdimSampler.Spacing spacing) {
      this(steps, textGuidance, imageGuidance, seed, preserve, spacing, Double.parseDouble(ETA));
    }

    public Options {
      if (steps < 1 || steps > 1000) {
        throw new IllegalArgumentException("steps must be between 1 and 1000, got " + steps);
      }
      if (textGuidance < 0 || imageGuidance < 0) {
        throw new IllegalArgumentException("guidance scales must not be negative");
      }
      if (!(preserve >= 0) || Double.isInfinite(preserve)) {
        throw new IllegalArgumentException("preserve must be a finite number >= 0 (0 turns it off), got " + preserve);
      }
      if (spacing == null) {
        throw new IllegalArgumentException("spacing must be leading or trailing");
      }
      if (!(eta >= 0 && eta <= 1)) {
        throw new IllegalArgumentException("eta must be between 0 (deterministic DDIM) and 1 (ancestral), got " + eta);
      }
    }

    /** The same options with another sampling seed (the server's n images of one request: seed, seed + 1, ...). */
    public Options withSeed(long s) {
      return new Options(steps, textGuidance, imageGuidance, s, preserve, spacing, eta);
    }

    public static Options defaults() {
      return new Options(20, Double.parseDouble(TEXT_GUIDANCE), Double.parseDouble(IMAGE_GUIDANCE), 0, Double.parseDouble(PRESERVE));
    }
  }

  /** The edited image and what the pipeline inferred. */
  public record Result(BufferedImage image, List<String> objects, String category, double seconds) {}

  /** Called after every denoising step (for progress displays). */
  @FunctionalInterface
  public interface StepListener {
    void step(int done, int total);
  }

  public Result edit(BufferedImage image, String instruction, Options o) {
    return edit(image, instruction, o, (d, t) -> {});
  }

  public Result edit(BufferedImage image, String instruction, Options o, StepListener listener) {
    return editBatch(List.of(image), List.of(instruction), o, listener).get(0);
  }

  /**
   * Edits several (image, instruction) pairs in one batch: the conditioning and every denoising step
   * run once for all of them (3 rows each for the three-way guidance). Each pair starts from the noise
   * of {@code o.seed()}, so a pair's result does not depend on what it is batched with (up to float
   * rounding). The reported seconds are the batch's time divided among its pairs.
   */
  public List<Result> editBatch(List<BufferedImage> images, List<String> instructions, Options o, StepListener listener) {
    long t0 = System.nanoTime();
    try (NDManager m = manager.newSubManager()) {
      Sampled sm = sample(m, images, instructions, o, listener);
      int n = sm.n();
      int size = model.config().imageSize();
      int px = size * size;
      NDArray z = sm.latents();
      NDArray sourceLatent = sm.conditioning().sourceLatent().get(new NDIndex("0:" + n));
      NDArray branchKeep = sm.editCells() == null ? null : Autoencoder.keepOutside(sm.editCells());
      // 8. Decode the latents (a decoder with a source branch reads each pair's source image).
      float[] img = model.vae().decode(z, sm.sourceImages(), branchKeep).clip(-1f, 1f).toFloatArray();
      if (keepPixels > 0) {   // the source's pixels where the edit draws what the decoder draws for the unchanged scene
        float[] ref = model.vae().decode(sourceLatent, sm.sourceImages(), branchKeep).clip(-1f, 1f).toFloatArray();
        img = KeepUnchanged.blendPixels(img, ref, sm.sourcePix(), cellsOf(sm.editCells()), Math.toIntExact(z.getShape().get(2)),
            Math.toIntExact(z.getShape().get(3)), n, size, keepPixels);
      }
      // 9. Optionally keep the source's own pixels where the edit left the latent unchanged.
      if (o.preserve() > 0) {
        NDArray change = z.sub(sourceLatent).square().mean(new int[] {1}).sqrt();   // [n, h, w]
        int lh = Math.toIntExact(z.getShape().get(2));
        int lw = Math.toIntExact(z.getShape().get(3));
        img = KeepUnchanged.blend(img, sm.sourcePix(), change.toFloatArray(), n, lh, lw, size, o.preserve());
      }
      double each = (System.nanoTime() - t0) / 1e9 / n;
      List<Result> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        float[] one1 = java.util.Arrays.copyOfRange(img, i * 3 * px, (i + 1) * 3 * px);
        out.add(new Result(Images.fromChwSigned(one1, size), sm.objects().get(i), sm.category().get(i), each));
      }
      return out;
    }
  }

  /**
   * The sampler's latents of a batch of edits before decoding, as {@link #editBatch} makes them, with the cells of
   * the instruction's edit mask the pipeline would close the decoder's source branch on (null without an edit mask):
   * what a decoder stage trained on this model's own edits reads ({@code train --stage decoder --own-edits}).
   *
   * @return latents [n, z, h, w] (scaled, as the decoder takes them) and edit cells [n, 1, h, w] (1 = edit), row-major
   */
  public EditLatents editLatents(List<BufferedImage> images, List<String> instructions, Options o) {
    try (NDManager m = manager.newSubManager()) {
      Sampled sm = sample(m, images, instructions, o, (d, t) -> {});
      long[] shape = sm.latents().getShape().getShape();
      float[] cells = sm.editCells() == null ? null
          : sm.editCells().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      return new EditLatents(sm.latents().toFloatArray(), cells, shape);
    }
  }

  /** See {@link #editLatents}. */
  public record EditLatents(float[] latents, float[] editCells, long[] shape) {}

  /** A batch sampled but not decoded; its arrays belong to the caller's manager. */
  private record Sampled(int n, NDArray latents, NDArray editCells, NDArray sourceImages, float[] sourcePix,
      ReasonBrain.Conditioning conditioning, List<List<String>> objects, List<String> category) {}

  /** Steps 1-7 of {@link #editBatch}: checks, text, conditioning, denoising, and the instruction's edit cells. */
  private Sampled sample(NDManager m, List<BufferedImage> images, List<String> instructions, Options o, StepListener listener) {
    int n = images.size();
    if (n == 0 || n != instructions.size()) {
      throw new IllegalArgumentException("editBatch needs as many instructions as images (got " + n + " and " + instructions.size() + ")");
    }
    // 1. Check the inputs.
    int size = model.config().imageSize();
    List<String> instr = new ArrayList<>();
    List<BufferedImage> srcs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      instr.add(checkInstruction(instructions.get(i)));
      srcs.add(squareResize(Images.toRgb(images.get(i)), size));
    }
    // 2. Infer the referenced objects (noun chunks) and the reasoning category.
    List<List<String>> objects = new ArrayList<>();
    List<String> category = new ArrayList<>();
    for (String s : instr) {
      objects.add(NounChunker.get().nounChunks(s));
      category.add(categories.guess(s));
    }
    model.tempAttach(m);
    // 3. Encode the text three ways: rows [0, n) conditioned, [n, 3n) with the null text.
    int k = model.config().maxObjects();
    List<String> texts = new ArrayList<>(instr);
    float[] keep = new float[3 * n];
    for (int i = 0; i < 2 * n; i++) {
      texts.add("");
    }
    java.util.Arrays.fill(keep, 0, n, 1f);
    TextEncoder.Features f = text.encodeFixed(m, texts, 32);
    NDArray textMask = f.mask().mul(m.create(keep, new Shape(3 * n, 1)));
    List<String> objs = new ArrayList<>();
    float[] objMask = new float[3 * n * k];
    for (int r = 0; r < 3 * n; r++) {
      for (int j = 0; j < k; j++) {
        boolean has = r < n && j < objects.get(r).size();
        objs.add(has ? objects.get(r).get(j) : "");
        objMask[r * k + j] = has ? 1 : 0;
      }
    }
    NDArray objM = m.create(objMask, new Shape(3 * n, k));
    NDArray objVec = text.pooled(m, objs).reshape(3 * n, k, text.dim()).mul(objM.expandDims(2));
    // 4. The images three times (the last n rows are the null image) and their instance masks.
    int px = size * size;
    float[] pix = new float[3 * n * 3 * px];
    int regions = model.config().maxRegions();
    float[] masks = new float[3 * n * regions * px];
    float[] imageKeep = new float[3 * n];
    for (int i = 0; i < n; i++) {
      Images.toChwSigned(srcs.get(i), pix, i);
      Images.toChwSigned(srcs.get(i), pix, n + i);
      imageKeep[i] = 1;
      imageKeep[n + i] = 1;
      List<boolean[]> seg = segmenter.segment(srcs.get(i), regions);
      for (int r : new int[] {i, n + i, 2 * n + i}) {
        for (int j = 0; j < seg.size(); j++) {
          for (int p = 0; p < px; p++) {
            masks[(r * regions + j) * px + p] = seg.get(j)[p] ? 1 : 0;
          }
        }
      }
    }
    ReasonBrain.Inputs in = new ReasonBrain.Inputs(m.create(pix, new Shape(3 * n, 3, size, size)),
        m.create(masks, new Shape(3 * n, regions, size, size)), f.tokens().mul(textMask.expandDims(2)), textMask, objVec, objM,
        m.create(imageKeep, new Shape(3 * n)));
    // 5. Condition: FRCE, MLLM, QFormer, CME (once for all denoising steps).
    ReasonBrain.Conditioning c = model.condition(in, 0);   // no L_MLLM: editing needs no loss
    // 6. Timesteps and the starting noise (seeded, the same for every pair).
    int[] ts = ddim.timesteps(o.steps(), o.spacing());
    Shape one = new Shape(1, c.sourceLatent().getShape().get(1), c.sourceLatent().getShape().get(2), c.sourceLatent().getShape().get(3));
    NDArray z = m.create(new Rng(o.seed()).gaussians(Math.toIntExact(one.size())), one).repeat(0, n);
    int[] t3 = new int[3 * n];
    Rng stepNoise = new Rng(o.seed() ^ 0x5DEECE66DL);   // eta > 0: per-step noise, seeded, the same for every pair
    boolean editMask = sourceEditMask > 0 && model.vae().hasSourceBranch();
    NDArray drive = null;                                 // [n, 1, h, w]: the instruction's pull on each cell, summed
    // 7. Denoising loop with three-way guidance.
    for (int i = 0; i < ts.length; i++) {
      java.util.Arrays.fill(t3, ts[i]);
      NDArray eps3 = model.predictNoise(z.tile(new long[] {3, 1, 1, 1}), t3, c);     // [full; image-only; unconditional]
      if (editMask) {
        NDArray d = eps3.get(new NDIndex("0:" + n)).sub(eps3.get(new NDIndex(n + ":" + (2 * n)))).abs().mean(new int[] {1}, true);
        drive = drive == null ? d : drive.add(d);
      }
      NDArray eps = Guidance.threeWay(eps3.get(new NDIndex((2 * n) + ":" + (3 * n))), eps3.get(new NDIndex(n + ":" + (2 * n))),
          eps3.get(new NDIndex("0:" + n)), o.textGuidance(), o.imageGuidance());
      int tPrev = i + 1 < ts.length ? ts[i + 1] : -1;
      NDArray noise = ddim.sigma(ts[i], tPrev, o.eta()) > 0
          ? m.create(stepNoise.gaussians(Math.toIntExact(one.size())), one).repeat(0, n) : null;
      z = ddim.step(z, eps, ts[i], tPrev, o.eta(), noise);
      listener.step(i + 1, ts.length);
    }
    // 8. The sources (a decoder with a source branch reads each pair's) and the instruction's edit cells.
    float[] sourcePix = java.util.Arrays.copyOf(pix, n * 3 * px);   // the n sources, as the blends below take them
    NDArray sourceImages = model.vae().hasSourceBranch() ? m.create(sourcePix, new Shape(n, 3, size, size)) : null;
    NDArray editCells = null;                             // [n, 1, h, w] booleans: the instruction's edit, not grown
    if (editMask) {
      NDArray most = drive.reshape(n, -1).max(new int[] {1}).reshape(n, 1, 1, 1);
      editCells = drive.gte(most.mul((float) sourceEditMask));
    }
    return new Sampled(n, z, editCells, sourceImages, sourcePix, c, objects, category);
  }

  /**
   * The autoencoder's reconstruction of an image at the model's resolution: what a perfect diffusion
   * model could at best return (the evaluation's {@code --oracle-vae} ceiling).
   */
  public BufferedImage reconstruct(BufferedImage image) {
    int size = model.config().imageSize();
    try (NDManager m = manager.newSubManager()) {
      model.tempAttach(m);
      float[] px = new float[3 * size * size];
      Images.toChwSigned(squareResize(Images.toRgb(image), size), px, 0);
      NDArray z = model.vae().latent(m.create(px, new Shape(1, 3, size, size)));
      return Images.fromChwSigned(model.vae().decode(z).clip(-1f, 1f).toFloatArray(), size);
    }
  }

  /**
   * The oracle of an edit of {@code source}: the reconstruction of {@code target} as this pipeline decodes it
   * (a decoder with a source branch reads {@code source}; with {@link #sourceEditMask()} on, the branch is closed on
   * the latent cells where the target differs from the source, grown by one cell: the edit mask a perfect reading of
   * the instruction would give), and with {@link Options#preserve()} > 0 the source's own pixels wherever the
   * target's latent differs from the source's by at most {@code preserve}, and with {@link #keepPixels()} on the
   * source's pixels where the target decodes as the source does (what a perfect diffusion model would return
   * through this pipeline).
   */
  public BufferedImage reconstruct(BufferedImage target, BufferedImage source, double preserve) {
    if (preserve == 0 && keepPixels == 0 && !model.vae().hasSourceBranch()) {
      return reconstruct(target);
    }
    int size = model.config().imageSize();
    try (NDManager m = manager.newSubManager()) {
      model.tempAttach(m);
      float[] px = new float[2 * 3 * size * size];
      Images.toChwSigned(squareResize(Images.toRgb(target), size), px, 0);
      Images.toChwSigned(squareResize(Images.toRgb(source), size), px, 1);
      NDArray pair = m.create(px, new Shape(2, 3, size, size));                    // [target; source]
      NDArray z = model.vae().latent(pair);
      NDArray zt = z.get(new NDIndex("0:1"));
      NDArray change = zt.sub(z.get(new NDIndex("1:2"))).square().mean(new int[] {1}).sqrt();
      float[] src = java.util.Arrays.copyOfRange(px, 3 * size * size, px.length);
      NDArray sourceImage = model.vae().hasSourceBranch() ? pair.get(new NDIndex("1:2")) : null;
      NDArray keep = null;
      NDArray editCells = null;
      if (sourceImage != null && sourceEditMask > 0) {
        editCells = Autoencoder.changedCells(pair.get(new NDIndex("0:1")), sourceImage);
        keep = Autoencoder.keepOutside(editCells);
      }
      float[] rec = model.vae().decode(zt, sourceImage, keep).clip(-1f, 1f).toFloatArray();
      if (keepPixels > 0) {
        float[] ref = model.vae().decode(z.get(new NDIndex("1:2")), sourceImage, keep).clip(-1f, 1f).toFloatArray();
        rec = KeepUnchanged.blendPixels(rec, ref, src, cellsOf(editCells), Math.toIntExact(zt.getShape().get(2)),
            Math.toIntExact(zt.getShape().get(3)), 1, size, keepPixels);
      }
      if (preserve == 0) {
        return Images.fromChwSigned(rec, size);
      }
      return Images.fromChwSigned(KeepUnchanged.blend(rec, src, change.toFloatArray(), 1, Math.toIntExact(zt.getShape().get(2)),
          Math.toIntExact(zt.getShape().get(3)), size, preserve), size);
    }
  }

  /** A boolean cell mask [n, 1, h, w] as floats (1 = the edit's), or null for none. */
  private static float[] cellsOf(NDArray cells) {
    return cells == null ? null : cells.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
  }

  /** Multi-step editing (Table A5): each instruction edits the previous step's output. */
  public List<Result> chain(BufferedImage image, List<String> instructions, Options o) {
    if (instructions.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one instruction");
    }
    List<Result> out = new ArrayList<>();
    BufferedImage current = image;
    for (String instr : instructions) {
      Result r = edit(current, instr, o);
      out.add(r);
      current = r.image();
    }
    return out;
  }

  static String checkInstruction(String instruction) {
    String s = instruction == null ? "" : instruction.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("the instruction is empty");
    }
    if (s.length() > MAX_INSTRUCTION) {
      throw new IllegalArgumentException("the instruction has " + s.length() + " characters; the limit is " + MAX_INSTRUCTION);
    }
    return s;
  }

  /** Centre-crops to a square and resizes to the model's resolution. */
  static BufferedImage squareResize(BufferedImage img, int size) {
    int side = Math.min(img.getWidth(), img.getHeight());
    BufferedImage sq = img.getSubimage((img.getWidth() - side) / 2, (img.getHeight() - side) / 2, side, side);
    BufferedImage copy = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    copy.getGraphics().drawImage(sq, 0, 0, null);
    return Images.resize(copy, size, size);
  }

  @Override
  public void close() {
    text.close();
    manager.close();
  }
}
