package org.reasonbrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.model.cme.CrossModalEnhancer;
import org.reasonbrain.model.diffusion.Autoencoder;
import org.reasonbrain.model.diffusion.UNet;
import org.reasonbrain.model.encoders.ImageEncoder;
import org.reasonbrain.model.frce.IdController;
import org.reasonbrain.model.frce.PatchBranch;
import org.reasonbrain.model.frce.RegionBranch;
import org.reasonbrain.model.mllm.ImageAdapter;
import org.reasonbrain.model.mllm.MllmDecoder;
import org.reasonbrain.model.qformer.QFormer;

/**
 * ReasonBrain (Fig. 4) wired from its blocks. The frozen text encoder E_T runs outside (its token
 * features and the pooled object phrases are inputs), so that this module holds only weights that
 * are trained or checkpointed here. Each block exists only when its switch is on.
 */
public final class ReasonBrain extends Module {
  private final ReasonBrainConfig cfg;
  private final ImageEncoder imageEncoder;
  private final Linear textProj;
  private final PatchBranch patch;
  private final RegionBranch region;
  private final Linear objectProj;
  private final IdController idController;
  private final ImageAdapter imageAdapter;
  private final MllmDecoder mllm;
  private final QFormer qformer;
  private final CrossModalEnhancer cme;
  private final Autoencoder vae;
  private final UNet unet;

  public ReasonBrain(NDManager m, long seed, ReasonBrainConfig cfg) {
    this.cfg = cfg;
    Random r = new Random(seed);
    var sw = cfg.switches();
    boolean full = cfg.variant() == ReasonBrainConfig.Variant.REASONBRAIN;
    boolean usesMllm = cfg.variant() != ReasonBrainConfig.Variant.IP2P;
    int d = cfg.dim();
    imageEncoder = child("image_encoder", new ImageEncoder(m, r, cfg.image()));
    textProj = child("text_proj", new Linear(m, r, cfg.textDim(), d, true));
    patch = full && sw.patchBranch() ? child("frce.patch", new PatchBranch(m, r, cfg.patch(), cfg.image().c2(), d)) : null;
    region = full && sw.regionBranch() ? child("frce.region", new RegionBranch(m, r, cfg.image().c2(), d)) : null;
    boolean id = full && sw.idController();
    objectProj = id ? child("frce.object_proj", new Linear(m, r, cfg.textDim(), d, true)) : null;
    idController = id ? child("frce.id_controller", new IdController(m, r, d, cfg.idLayers(), cfg.heads())) : null;
    imageAdapter = usesMllm ? child("image_adapter", new ImageAdapter(m, r, cfg.image().dim(), cfg.mllm().dim())) : null;
    mllm = usesMllm ? child("mllm", new MllmDecoder(m, r, cfg.mllm())) : null;
    qformer = usesMllm ? child("qformer", new QFormer(m, r, cfg.qformer(), cfg.mllm().dim(), d, d)) : null;
    boolean cmeOn = full && (sw.visionEnhancer() || sw.textEnhancer());
    cme = cmeOn ? child("cme", new CrossModalEnhancer(m, r, d, cfg.cmeTokens(), cfg.heads(), sw.visionEnhancer(), sw.textEnhancer() && id)) : null;
    vae = child("vae", new Autoencoder(m, r, cfg.vae()));
    unet = child("unet", new UNet(m, r, cfg.unet(), d));
  }

  public ReasonBrainConfig config() {
    return cfg;
  }

  /** Receives the name of each stage of {@link #condition} and {@link #predictNoise} as it ends (a benchmark's stopwatch). */
  @FunctionalInterface
  public interface Laps {
    void lap(String stage);
  }

  private Laps laps = s -> {};

  /** Sets the stopwatch that {@link #condition} and {@link #predictNoise} report their stages to (null for none). */
  public void laps(Laps l) {
    this.laps = l == null ? s -> {} : l;
  }

  public ImageEncoder imageEncoder() {
    return imageEncoder;
  }

  public Autoencoder vae() {
    return vae;
  }

  public UNet unet() {
    return unet;
  }

  /** The MLLM (null for the ip2p baseline). */
  public MllmDecoder mllm() {
    return mllm;
  }

  /**
   * The inputs of one batch. Images in [-1, 1]; masks [B, K, H, W] (0/1, zero masks are padding);
   * text [B, T, textDim] with mask [B, T]; objects [B, M, textDim] (pooled E_T of the object phrases)
   * with mask [B, M]; imageKeep [B] (0 drops the image condition: InstructPix2Pix zeroes its latent) or null.
   */
  public record Inputs(NDArray source, NDArray masks, NDArray text, NDArray textMask, NDArray objects, NDArray objectMask,
      NDArray imageKeep) {
    /** Inputs without image dropout. */
    public Inputs(NDArray source, NDArray masks, NDArray text, NDArray textMask, NDArray objects, NDArray objectMask) {
      this(source, masks, text, textMask, objects, objectMask, null);
    }
  }

  /**
   * What conditions the UNet, and the MLLM loss of Eq. (A1) (null for ip2p); sourcePixels only for a UNet with a
   * pixel stem (null otherwise).
   */
  public record Conditioning(NDArray sourceLatent, NDArray rBarVisual, NDArray rBarText, NDArray context, NDArray lossMllm,
      NDArray rv, NDArray rt, NDArray sourcePixels) {}

  /**
   * What the frozen encoders make of one batch's images: the source latent (zeroed where the image
   * condition is dropped), E_I(I) (its finest map [B, c2, s, s] and grid tokens [B, g*g, dim]) and the
   * instance masks max-pooled to the finest map, [B, K, s, s], and, for a UNet with a pixel stem, the source
   * image itself (zeroed where the image condition is dropped; null otherwise). The trainer caches these per sample.
   */
  public record Encoded(NDArray sourceLatent, NDArray eiFinest, NDArray eiTokens, NDArray masks, NDArray sourcePixels) {}

  /** Runs the frozen encoders (VAE encoder, E_I) and pools the masks: the part of {@link #condition} a cache can hold. */
  public Encoded encode(NDArray source, NDArray masks, NDArray imageKeep) {
    NDArray sourceLatent = vae.latent(source);                                       // [B, z, H/4, W/4]
    NDArray pixels = unet.hasPixelStem() ? source : null;
    if (imageKeep != null) {
      sourceLatent = sourceLatent.mul(imageKeep.reshape(-1, 1, 1, 1));
      pixels = pixels == null ? null : pixels.mul(imageKeep.reshape(-1, 1, 1, 1));
    }
    ImageEncoder.Features ei = imageEncoder.forward(source);                         // E_I(I)
    NDArray pooled = downsampleMasks(masks, ei.finest().getShape().get(2));
    return new Encoded(sourceLatent, ei.finest(), ei.tokens(), pooled, pixels);
  }

  /** Runs everything before the diffusion model, L_MLLM over the whole batch. */
  public Conditioning condition(Inputs in) {
    return condition(in, Integer.MAX_VALUE);
  }

  /** Runs everything before the diffusion model, L_MLLM over the first {@code mllmLossRows} rows (0: none, for editing). */
  public Conditioning condition(Inputs in, int mllmLossRows) {
    return condition(encode(in.source(), in.masks(), in.imageKeep()), in.text(), in.textMask(), in.objects(), in.objectMask(),
        mllmLossRows);
  }

  /**
   * Everything before the diffusion model from the frozen encoders' output: text [B, T, textDim] with
   * mask [B, T], objects [B, M, textDim] with mask [B, M] (pooled E_T of the object phrases); L_MLLM
   * over the first {@code mllmLossRows} rows (see {@link MllmDecoder#imgGuidance(NDArray, int)}).
   */
  public Conditioning condition(Encoded enc, NDArray textTokens, NDArray textMask, NDArray objects, NDArray objectMask,
      int mllmLossRows) {
    NDArray sourceLatent = enc.sourceLatent();
    NDArray eiTokens = enc.eiTokens();
    NDArray text = textProj.forward(textTokens).mul(textMask.expandDims(2));       // E_T(H) in the shared width
    if (cfg.variant() == ReasonBrainConfig.Variant.IP2P) {
      return new Conditioning(sourceLatent, null, null, text, null, null, null, enc.sourcePixels());
    }
    // FRCE, visual branch: R_V = [R_local, R_global].
    List<NDArray> rvParts = new ArrayList<>();
    if (patch != null) {
      rvParts.add(patch.forward(enc.eiFinest()));
    }
    if (region != null) {
      rvParts.add(region.forward(enc.eiFinest(), enc.masks()));
    }
    NDArray rv = rvParts.isEmpty() ? null : rvParts.size() == 1 ? rvParts.get(0) : rvParts.get(0).concat(rvParts.get(1), 1);
    // FRCE, textual branch: R_T = FF(CrossAttn(R_V, O)).
    NDArray rt = null;
    if (idController != null && rv != null) {
      NDArray o = objectProj.forward(objects).mul(objectMask.expandDims(2));
      rt = idController.forward(o, rv);
    }
    laps.lap("FRCE");
    // Eq. (3): T = [IA(E_I(I)), R_V, R_T, E_T(H), Q];  V = MLLM(T).
    // Token budget: the image-grid tokens (IA(E_I) and R_local) enter the MLLM mllmPool x mllmPool average-pooled.
    List<NDArray> seq = new ArrayList<>();
    seq.add(poolGrid(imageAdapter.forward(eiTokens), cfg.mllmPool()));
    NDArray mllmRv = rv == null ? null : pooledRv(rv, rvParts, cfg.mllmPool());
    if (mllmRv != null) {
      seq.add(mllmRv);
    }
    if (rt != null) {
      seq.add(rt);
    }
    seq.add(text);
    NDArray prefix = seq.get(0);
    for (int i = 1; i < seq.size(); i++) {
      prefix = prefix.concat(seq.get(i), 1);
    }
    MllmDecoder.Guidance g = mllm.imgGuidance(prefix, mllmLossRows);
    laps.lap("MLLM");
    NDArray vHat = qformer.forward(g.v());                                           // V-hat
    laps.lap("QFormer");
    if (cme == null) {
      return new Conditioning(sourceLatent, null, null, vHat, g.loss(), rv, rt, enc.sourcePixels());
    }
    // Token budget of the CME (cmePool > 1): its visual base E_I(I) and the grid part of its cues (R_local)
    // pooled on the grid; R_global's region tokens stay as they are. R-bar_visual follows the base's grid.
    NDArray cmeBase = poolGrid(eiTokens, cfg.cmePool());
    NDArray cmeCues = rv == null ? cmeBase : cfg.cmePool() == cfg.mllmPool() ? mllmRv : pooledRv(rv, rvParts, cfg.cmePool());
    CrossModalEnhancer.Output e = cme.forward(vHat, cmeBase, cmeCues, text, rt);
    NDArray context = e.eBarVisual() == null ? e.eBarText() : e.eBarText() == null ? e.eBarVisual() : e.eBarVisual().concat(e.eBarText(), 1);
    if (context == null) {
      context = vHat;
    }
    laps.lap("CME");
    return new Conditioning(sourceLatent, e.rBarVisual(), e.rBarText(), context, g.loss(), rv, rt, enc.sourcePixels());
  }

  /** R_V with its grid part (R_local, when the patch branch is on) average-pooled f x f; R_global's region tokens as they are. */
  private NDArray pooledRv(NDArray rv, List<NDArray> rvParts, int f) {
    if (f == 1 || patch == null) {
      return rv;
    }
    NDArray local = poolGrid(rvParts.get(0), f);
    return rvParts.size() > 1 ? local.concat(rvParts.get(1), 1) : local;
  }

  /** Average-pools tokens on a square grid, [B, g*g, C] -> [B, (g/f)^2, C] (f = 1: unchanged). */
  static NDArray poolGrid(NDArray tokens, int f) {
    if (f == 1) {
      return tokens;
    }
    long b = tokens.getShape().get(0);
    long g = Math.round(Math.sqrt(tokens.getShape().get(1)));
    long c = tokens.getShape().get(2);
    NDArray grid = tokens.reshape(b, g / f, f, g / f, f, c);                        // [B, g/f, f, g/f, f, C]
    return grid.mean(new int[] {4}).mean(new int[] {2}).reshape(b, (g / f) * (g / f), c);
  }

  /** Tokens the MLLM reads per sample: IA(E_I), R_V, R_T, E_T(H) (textTokens positions) and the r [IMG] tokens. */
  public int mllmTokens(int textTokens) {
    if (mllm == null) {
      return 0;
    }
    int g = cfg.imageSize() / 8;
    int pooled = (g / cfg.mllmPool()) * (g / cfg.mllmPool());
    int n = pooled + textTokens + cfg.mllm().imgTokens();
    n += patch != null ? pooled : 0;
    n += region != null ? cfg.maxRegions() : 0;
    n += idController != null && (patch != null || region != null) ? cfg.maxObjects() : 0;
    return n;
  }

  /** Image-grid tokens the CME's visual enhancer reads per sample (its base; 0 without a visual enhancer). */
  public int cmeVisualTokens() {
    if (cme == null || !cfg.switches().visionEnhancer()) {
      return 0;
    }
    int g = cfg.imageSize() / 8 / cfg.cmePool();
    return g * g;
  }

  /** Max-pools 0/1 masks [B, K, H, W] down to [B, K, s, s]. */
  public static NDArray downsampleMasks(NDArray masks, long s) {
    var sh = masks.getShape();
    long f = sh.get(2) / s;
    // DJL's max reduces one axis at a time.
    return masks.reshape(sh.get(0), sh.get(1), s, f, s, f).max(new int[] {5}).max(new int[] {3});
  }

  /** Predicted noise for a conditioning (Eq. A2). */
  public NDArray predictNoise(NDArray zt, int[] t, Conditioning c) {
    NDArray eps = unet.forward(zt, c.sourceLatent(), t, c.rBarVisual(), c.rBarText(), c.context(), c.sourcePixels());
    laps.lap("UNet");
    return eps;
  }
}
