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

  /** One pooled vector per text, [B, dim] (mean over real tokens). */
  default NDArray pooled(NDManager m, List<String> texts) {
    Features f = encode(m, texts, 32);
    NDArray mask = f.mask().expandDims(2);
    return f.tokens().mul(mask).sum(new int[] {1}).div(org.reasonbrain.core.nn.Ops.atLeast(mask.sum(new int[] {1}), 1));
  }

  @Override
  default void close() {}
}
