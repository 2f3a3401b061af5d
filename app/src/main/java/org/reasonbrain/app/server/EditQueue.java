package org.reasonbrain.app.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded work queue in front of the model: one worker (the model uses both cores) and at most
 * {@code capacity} waiting edits; past that, {@link #submit} fails at once with a 429 error and a
 * retry hint instead of building an unbounded backlog.
 */
final class EditQueue implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final int capacity;

  EditQueue(int capacity) {
    this.capacity = capacity;
    this.pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), r -> {
      Thread t = new Thread(r, "reasonbrain-edit");
      t.setDaemon(true);
      return t;
    });
  }

  <T> Future<T> submit(Callable<T> job) {
    try {
      return pool.submit(job);
    } catch (RejectedExecutionException e) {
      throw new ApiError(429, "rate_limit_error", null, "queue_full",
          "The edit queue is full (" + capacity + " waiting); retry in a few seconds.");
    }
  }

  /** Edits waiting plus the one running. */
  int load() {
    return pool.getQueue().size() + pool.getActiveCount();
  }

  int capacity() {
    return capacity;
  }

  @Override
  public void close() {
    // Drop the edits still waiting, then let the running one finish: the pipeline it uses may be closed
    // right after (closing it under a running edit crashed the JVM in a test).
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("an edit did not finish within 120 s of closing the queue");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
