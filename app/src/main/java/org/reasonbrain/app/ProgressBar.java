package org.reasonbrain.app;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.reasonbrain.core.progress.Progress;

/** A terminal progress bar with count, rate and ETA, redrawn at most ten times a second on stderr. */
public final class ProgressBar implements Progress {
  private final PrintStream out;
  private final boolean interactive;
  private final LongSupplier nanoClock;
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private volatile String label = "";
  private volatile long resumed;
  private volatile long startNanos;
  private volatile long lastDraw;
  private volatile long lastLogged = -1;

  public ProgressBar(PrintStream out) {
    this(out, System.console() != null, System::nanoTime);
  }

  /** For tests: the terminal mode and the clock (nanoseconds) given. */
  ProgressBar(PrintStream out, boolean interactive, LongSupplier nanoClock) {
    this.out = out;
    this.interactive = interactive;
    this.nanoClock = nanoClock;
  }

  @Override
  public void start(String label, long total) {
    this.label = label;
    this.total = total;
    this.done.set(0);
    this.resumed = 0;
    this.startNanos = nanoClock.getAsLong();
    this.lastDraw = 0;
    draw(true);
  }

  @Override
  public void resumedAt(long units) {
    resumed += units;
    done.addAndGet(units);
    draw(true);
  }

  @Override
  public void advance(long units) {
    done.addAndGet(units);
    long now = nanoClock.getAsLong();
    if (now - lastDraw > 100_000_000L) {
      draw(false);
    }
  }

  @Override
  public void finish() {
    draw(true);
    out.println();
  }

  private synchronized void draw(boolean force) {
    long now = nanoClock.getAsLong();
    if (!force && now - lastDraw <= 100_000_000L) {
      return;
    }
    lastDraw = now;
    long d = done.get();
    double secs = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = (d - resumed) / secs;
    double frac = total > 0 ? Math.min(1, d / (double) total) : 0;
    String eta = rate > 0 && total > d ? clock((total - d) / rate) : "--:--";
    int width = 30;
    int filled = (int) Math.round(frac * width);
    String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d %5.1f%% %.1f/s elapsed %s ETA %s", label,
        "#".repeat(filled), ".".repeat(width - filled), d, total, 100 * frac, rate, clock(secs), eta);
    if (interactive) {
      out.print("\r" + line);
    } else {
      // Non-terminal output (CI logs): one line per 10%.
      long decile = (long) Math.floor(frac * 10);
      if (decile != lastLogged || force) {
        lastLogged = decile;
        out.println(line);
      }
    }
    out.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }
}
