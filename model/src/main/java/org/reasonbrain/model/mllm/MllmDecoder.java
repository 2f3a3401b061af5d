package org.reasonbrain.model.mllm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.Random;
import org.reasonbrain.core.nn.Attention;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Parameter;
import org.reasonbrain.core.nn.RmsNorm;
import org.reasonbrain.core.nn.SwiGlu;

/**
 * The MLLM of Eq. (3): a decoder-only LLaMA-style transformer (RMSNorm, RoPE, SwiGLU, causal) whose
 * vocabulary is extended with r [IMG] tokens. V = the hidden states at the [IMG] positions. With LoRA
 * on (rank 8, alpha 16 in the paper) the base weights are frozen and only the adapters on q/k/v/o,
 * the [IMG] embeddings and the [IMG] output rows train.
 */
public final class MllmDecoder extends Module {
  /** Width, depth, heads, feed-forward width, text vocabulary, number of [IMG] tokens, LoRA rank and alpha. */
  public record Config(int dim, int layers, int heads, int ffHidden, int vocab, int imgTokens, int loraRank, double loraAlpha) {
    public Config {
      if (dim % heads != 0) {
        throw new IllegalArgumentException("MLLM width " + dim + " is not divisible by " + heads + " heads");
      }
      if (imgTokens < 1) {
        throw new IllegalArgumentException("need at least one [IMG] token");
      }
    }

    /** CPU default: 4 layers of width 128 over MiniLM's WordPiece vocabulary, 8 [IMG] tokens, LoRA 8/16. */
    public static Config tiny() {
      return new Config(128, 4, 4, 344, 30522, 8, 8, 16);
    }
  }

  private final Config cfg;
  private final Parameter embed;
  private final Parameter imgEmbed;
  private final RmsNorm[] n1;
  private final Attention[] attn;
  private final RmsNorm[] n2;
  private final SwiGlu[] ff;
  private final RmsNorm finalNorm;
  private final Linear head;
  private final Linear imgHead;

  public MllmDecoder(NDManager m, Random r, Config cfg) {
    this.cfg = cfg;
    this.embed = parameter(m, "embed", normal(r, 0.02, (long) cfg.vocab() * cfg.dim()), new Shape(cfg.vocab(), cfg.dim()));
    this.imgEmbed = parameter(m, "img_embed", normal(r, 0.02, (long) cfg.imgTokens() * cfg.dim()), new Shape(cfg.imgTokens(), cfg.dim()));
    n1 = new RmsNorm[cfg.layers()];
    attn = new Attention[cfg.layers()];
    n2 = new RmsNorm[cfg.layers()];
    ff = new SwiGlu[cfg.layers()];
    for (int i = 0; i < cfg.layers(); i++) {
      n1[i] = child("layers." + i + ".attn_norm", new RmsNorm(m, cfg.dim(), 1e-6));
      attn[i] = child("layers." + i + ".attn", new Attention(m, r, cfg.dim(), cfg.dim(), cfg.heads(), true, cfg.loraRank(), cfg.loraAlpha()));
      n2[i] = child("layers." + i + ".ff_norm", new RmsNorm(m, cfg.dim(), 1e-6));
      ff[i] = child("layers." + i + ".ff", new SwiGlu(m, r, cfg.dim(), cfg.ffHidden()));
    }
    this.finalNorm = child("norm", new RmsNorm(m, cfg.dim(), 1e-6));
    this.head = child("head", new Linear(m, r, cfg.dim(), cfg.vocab(), false));
    this.imgHead = child("img_head", new Linear(m, r, cfg.dim(), cfg.imgTokens(), false));
    if (cfg.loraRank() > 0) {
      freezeBase();
    }
  }

  /** Freezes everything but the LoRA adapters, the [IMG] embeddings and the [IMG] output rows. */
  public void freezeBase() {
    parameters().forEach((name, p) -> p.setTrainable(name.contains("lora_") || name.startsWith("img_")));
  }

  public Config config() {
    return cfg;
  }

  /**
   * Token embeddings of text ids [B, T] (ints) -> [B, T, dim]: a row lookup (torch.embedding, with its
   * gradient into the table), not a one-hot [B, T, V] product over V = 30,530 (the lm stage's step: -15%).
   */
  public NDArray embedTokens(NDArray ids) {
    NDArray idx = ids.toType(DataType.INT64, false);
    return idx.getNDArrayInternal().embedding(idx, embed.value(), SparseFormat.DENSE).singletonOrThrow();
  }

  /** Runs the transformer over [B, T, dim] embeddings; returns final-normed hidden states [B, T, dim]. */
  public NDArray hidden(NDArray x) {
    for (int i = 0; i < cfg.layers(); i++) {
      x = x.add(attn[i].forward(n1[i].forward(x), true));
      x = x.add(ff[i].forward(n2[i].forward(x)));
    }
    return finalNorm.forward(x);
  }

  /** Logits over text vocabulary + [IMG] tokens, [B, T, V + r]. */
  public NDArray logits(NDArray hidden) {
    return head.forward(hidden).concat(imgHead.forward(hidden), 2);
  }

  /** Language-model pretraining loss: next-token cross-entropy over ids [B, T] with mask [B, T] (1 = real). */
  public NDArray lmLoss(NDArray ids, NDArray mask) {
    long t = ids.getShape().get(1);
    NDArray h = hidden(embedTokens(ids));
    NDArray logp = head.forward(h.get(new NDIndex(":, :" + (t - 1) + ", :"))).logSoftmax(2);   // [B, T-1, V]
    NDArray target = ids.get(new NDIndex(":, 1:")).toType(DataType.INT64, false).expandDims(2);   // [B, T-1, 1]
    NDArray m = mask.get(new NDIndex(":, 1:"));
    NDArray nll = logp.gather(target, 2).squeeze(2).neg().mul(m);
    return nll.sum().div(org.reasonbrain.core.nn.Ops.atLeast(m.sum(), 1));
  }

  /** The output of Eq. (3) and the L_MLLM of Eq. (A1) for one prefix. */
  public record Guidance(NDArray v, NDArray loss) {}

  /**
   * Appends the r [IMG] tokens to {@code prefix} [B, P, dim], returns V = their hidden states
   * [B, r, dim] and L_MLLM = -sum_i log p([IMG_i] | prefix, [IMG_1..i-1]) averaged over the batch.
   */
  public Guidance imgGuidance(NDArray prefix) {
    return imgGuidance(prefix, Integer.MAX_VALUE);
  }

  /**
   * As {@link #imgGuidance(NDArray)}, with L_MLLM averaged over the first {@code lossRows} rows only
   * (null when 0). The vocabulary head over 30,530 classes dominates the MLLM's cost at our width, so
   * training estimates L_MLLM on a few rows of each batch (rows are drawn independently, so the
   * estimate of the batch mean is unbiased) and editing, which needs no loss, skips it.
   */
  public Guidance imgGuidance(NDArray prefix, int lossRows) {
    long b = prefix.getShape().get(0);
    long p = prefix.getShape().get(1);
    int r = cfg.imgTokens();
    NDArray img = imgEmbed.value().expandDims(0).repeat(0, b);                   // [B, r, dim]
    NDArray h = hidden(prefix.concat(img, 1));                                  // [B, P + r, dim]
    NDArray v = h.get(new NDIndex(":, " + p + ":, :"));                         // [B, r, dim]
    long rows = Math.min(b, lossRows);
    if (rows <= 0) {
      return new Guidance(v, null);
    }
    // Position P-1+i predicts [IMG_i+1]; its class id is vocab + i.
    NDArray hl = h.get(new NDIndex(":" + rows + ", " + (p - 1) + ":" + (p - 1 + r) + ", :"));   // [rows, r, dim]
    NDArray logp = logits(hl).logSoftmax(2);                                                  // [rows, r, V+r]
    NDArray imgLogp = logp.get(new NDIndex(":, :, " + cfg.vocab() + ":"));                    // [rows, r, r]
    NDArray eye = prefix.getManager().eye(r).expandDims(0);
    NDArray loss = imgLogp.mul(eye).sum(new int[] {1, 2}).neg().mean();
    return new Guidance(v, loss);
  }
}
