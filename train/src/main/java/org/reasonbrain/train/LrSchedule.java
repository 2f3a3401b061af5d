package org.reasonbrain.train;

/** Linear warm-up to the peak rate, then cosine decay to {@code minRatio} of it at {@code total} steps. */
public record LrSchedule(double peak, int warmup, int total, double minRatio) {
  public LrSchedule {
    if (peak <= 0 || warmup < 0 || total < 1) {
      throw new IllegalArgumentException("bad schedule: peak " + peak + ", warmup " + warmup + ", total " + total);
    }
  }

  /** The rate for (1-based) step {@code step}. */
  public double at(long step) {
    if (step <= warmup) {
      return peak * step / Math.max(1, warmup);
    }
    double progress = Math.min(1.0, (step - warmup) / (double) Math.max(1, total - warmup));
    return peak * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
}
