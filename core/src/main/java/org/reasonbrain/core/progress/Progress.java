package org.reasonbrain.core.progress;

/**
 * Receives progress of long work. Implementations must be thread-safe: workers call {@link #advance}
 * from several threads. The CLI renders it as a bar with rate and ETA; libraries and tests pass
 * {@link #NONE}.
 */
public interface Progress {
  /** Announces a new phase of {@code total} units of work, named {@code label}. */
  void start(String label, long total);

  /** Records {@code units} more units done. */
  void advance(long units);

  /**
   * Records {@code units} already done before this phase started (a resumed run's earlier steps): they
   * count towards the total, not towards the rate. By default the same as {@link #advance}.
   */
  default void resumedAt(long units) {
    advance(units);
  }

  /** Marks the current phase finished. */
  void finish();

  /** A listener that ignores everything. */
  Progress NONE = new Progress() {
    @Override public void start(String label, long total) {}
    @Override public void advance(long units) {}
    @Override public void finish() {}
  };
}
