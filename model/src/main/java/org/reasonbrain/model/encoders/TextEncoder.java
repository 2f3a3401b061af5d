package org.reasonbrain.model.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** E_T: token-level text features. Implementations are frozen feature extractors. */
public interface TextEncoder extends AutoCloseable {
  /** Token features and a mask. */
  record Features(NDArray tokens, NDArray mask) {}

  /** Width of a token feature. */
  int dim();

  /** Encodes a batch, padded to the longest text (at most {@code maxTokens}): tokens [B, T, dim], mask [B, T] (1 = real token). */
  Features encode(NDManager m, List<String> texts, int maxTokens);

  /**
   * Encodes a batch padded to exactly {@code tokens} positions (texts longer are cut). ReasonBrain
   * conditions on this fixed length, so that a sample's edit does not depend on the other texts of
   * its batch (the MLLM and the enhancers see padding positions as zero vectors).
   */
  default Features encodeFixed(NDManager m, List<String> texts, int tokens) {
    Features f = encode(m, texts, tokens);
    long t = f.tokens().getShape().get(1);
    if (t == tokens) {
      return f;
    }
    long b = f.tokens().getShape().get(0);
    NDArray padTokens = m.zeros(new ai.djl.ndarray.types.Shape(b, tokens - t, f.tokens().getShape().get(2)));
    NDArray padMask = m.zeros(new ai.djl.ndarray.types.Shape(b, tokens - t));
    return new Features(f.tokens().concat(padTokens, 1), f.mask().concat(padMask, 1));
  }

  /** One pooled vector per text, [B, dim] (mean over real tokens). */
  default NDArray pooled(NDManager m, List<String> texts) {
    Features f = encode(m, texts, 32);
    NDArray mask = f.mask().expandDims(2);
    return f.tokens().mul(mask).sum(new int[] {1}).div(org.reasonbrain.core.nn.Ops.atLeast(mask.sum(new int[] {1}), 1));
  }

  @Override
  default void close() {}
}
