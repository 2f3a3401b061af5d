package org.reasonbrain.model.cme;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.Module;

/**
 * The CME (Sec. 3.2, Fig. 5b): a visual-oriented and a textual-oriented {@link Enhancer}; either can be
 * switched off (Table 4), in which case its outputs are absent.
 */
public final class CrossModalEnhancer extends Module {
  private final Enhancer visual;
  private final Enhancer textual;

  public CrossModalEnhancer(NDManager m, Random r, int dim, int tokens, int heads, boolean visualOn, boolean textOn) {
    this.visual = visualOn ? child("visual", new Enhancer(m, r, dim, tokens, heads)) : null;
    this.textual = textOn ? child("textual", new Enhancer(m, r, dim, tokens, heads)) : null;
  }

  /** R-bar_visual, R-bar_text, e-bar_visual, e-bar_text; null where an enhancer is off. */
  public record Output(NDArray rBarVisual, NDArray rBarText, NDArray eBarVisual, NDArray eBarText) {}

  public Output forward(NDArray vHat, NDArray imageTokens, NDArray rv, NDArray textTokens, NDArray rt) {
    Enhancer.Output v = visual == null ? null : visual.forward(vHat, imageTokens, rv);
    Enhancer.Output t = textual == null || rt == null ? null : textual.forward(vHat, textTokens, rt);
    return new Output(v == null ? null : v.rBar(), t == null ? null : t.rBar(), v == null ? null : v.eBar(), t == null ? null : t.eBar());
  }
}
