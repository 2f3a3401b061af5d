package org.reasonbrain.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.Conv2d;
import org.reasonbrain.core.nn.GroupNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;

/** A residual block: GroupNorm, SiLU, conv, (+ time embedding), GroupNorm, SiLU, conv, + skip. */
public final class ResBlock extends Module {
  private final GroupNorm n1;
  private final Conv2d c1;
  private final Linear time;
  private final GroupNorm n2;
  private final Conv2d c2;
  private final Conv2d skip;

  public ResBlock(NDManager m, Random r, int in, int out, int timeDim) {
    this(m, r, in, out, timeDim, false);
  }

  /** With {@code zeroOut} the last conv starts at zero, so a block with in == out starts as the identity. */
  public ResBlock(NDManager m, Random r, int in, int out, int timeDim, boolean zeroOut) {
    this.n1 = child("norm1", new GroupNorm(m, groups(in), in));
    this.c1 = child("conv1", new Conv2d(m, r, in, out, 3, 1, false));
    this.time = timeDim > 0 ? child("time", new Linear(m, r, timeDim, out, true)) : null;
    this.n2 = child("norm2", new GroupNorm(m, groups(out), out));
    this.c2 = child("conv2", new Conv2d(m, r, out, out, 3, 1, zeroOut));
    this.skip = in != out ? child("skip", new Conv2d(m, r, in, out, 1, 1, false)) : null;
  }

  static int groups(int c) {
    return c % 8 == 0 ? 8 : 1;
  }

  /** x [B, in, H, W], temb [B, timeDim] or null -> [B, out, H, W]. */
  public NDArray forward(NDArray x, NDArray temb) {
    NDArray h = c1.forward(Ops.silu(n1.forward(x)));
    if (time != null && temb != null) {
      h = h.add(time.forward(Ops.silu(temb)).expandDims(2).expandDims(3));
    }
    h = c2.forward(Ops.silu(n2.forward(h)));
    return (skip == null ? x : skip.forward(x)).add(h);
  }
}
