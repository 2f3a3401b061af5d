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

  /** What conditions the UNet, and the MLLM loss of Eq. (A1) (null for ip2p). */
  public record Conditioning(NDArray sourceLatent, NDArray rBarVisual, NDArray rBarText, NDArray context, NDArray lossMllm,
      NDArray rv, NDArray rt) {}

  /** Runs everything before the diffusion model. */
  public Conditioning condition(Inputs in) {
    var sw = cfg.switches();
    NDArray sourceLatent = vae.latent(in.source());                                  // [B, z, H/4, W/4]
    if (in.imageKeep() != null) {
      sourceLatent = sourceLatent.mul(in.imageKeep().reshape(-1, 1, 1, 1));
    }
    ImageEncoder.Features ei = imageEncoder.forward(in.source());                    // E_I(I)
    NDArray text = textProj.forward(in.text()).mul(in.textMask().expandDims(2));     // E_T(H) in the shared width
    if (cfg.variant() == ReasonBrainConfig.Variant.IP2P) {
      return new Conditioning(sourceLatent, null, null, text, null, null, null);
    }
    // FRCE, visual branch: R_V = [R_local, R_global].
    List<NDArray> rvParts = new ArrayList<>();
    if (patch != null) {
      rvParts.add(patch.forward(ei.finest()));
    }
    if (region != null) {
      rvParts.add(region.forward(ei.finest(), downsampleMasks(in.masks(), ei.finest().getShape().get(2))));
    }
    NDArray rv = rvParts.isEmpty() ? null : rvParts.size() == 1 ? rvParts.get(0) : rvParts.get(0).concat(rvParts.get(1), 1);
    // FRCE, textual branch: R_T = FF(CrossAttn(R_V, O)).
    NDArray rt = null;
    if (idController != null && rv != null) {
      NDArray o = objectProj.forward(in.objects()).mul(in.objectMask().expandDims(2));
      rt = idController.forward(o, rv);
    }
    // Eq. (3): T = [IA(E_I(I)), R_V, R_T, E_T(H), Q];  V = MLLM(T).
    List<NDArray> seq = new ArrayList<>();
    seq.add(imageAdapter.forward(ei.tokens()));
    if (rv != null) {
      seq.add(rv);
    }
    if (rt != null) {
      seq.add(rt);
    }
    seq.add(text);
    NDArray prefix = seq.get(0);
    for (int i = 1; i < seq.size(); i++) {
      prefix = prefix.concat(seq.get(i), 1);
    }
    MllmDecoder.Guidance g = mllm.imgGuidance(prefix);
    NDArray vHat = qformer.forward(g.v());                                           // V-hat
    if (cme == null) {
      return new Conditioning(sourceLatent, null, null, vHat, g.loss(), rv, rt);
    }
    CrossModalEnhancer.Output e = cme.forward(vHat, ei.tokens(), rv == null ? ei.tokens() : rv, text, rt);
    NDArray context = e.eBarVisual() == null ? e.eBarText() : e.eBarText() == null ? e.eBarVisual() : e.eBarVisual().concat(e.eBarText(), 1);
    if (context == null) {
      context = vHat;
    }
    return new Conditioning(sourceLatent, e.rBarVisual(), e.rBarText(), context, g.loss(), rv, rt);
  }

  /** Max-pools 0/1 masks [B, K, H, W] down to [B, K, s, s]. */
  static NDArray downsampleMasks(NDArray masks, long s) {
    var sh = masks.getShape();
    long f = sh.get(2) / s;
    // DJL's max reduces one axis at a time.
    return masks.reshape(sh.get(0), sh.get(1), s, f, s, f).max(new int[] {5}).max(new int[] {3});
  }

  /** Predicted noise for a conditioning (Eq. A2). */
  public NDArray predictNoise(NDArray zt, int[] t, Conditioning c) {
    return unet.forward(zt, c.sourceLatent(), t, c.rBarVisual(), c.rBarText(), c.context());
  }
}
