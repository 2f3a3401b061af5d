package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();
  private final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, nanos::get);

  private String lastLine() {
    String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void rateAndEtaCountTheWorkOfThisPhase() {
    bar.start("work", 100);
    nanos.set(20_000_000_000L);
    bar.advance(40);
    assertTrue(lastLine().contains("40/100  40.0% 2.0/s elapsed 00:20 ETA 00:30"), lastLine());
  }

  @Test
  void aResumedRunsEarlierStepsCountTowardsTheTotalNotTheRate() {
    bar.start("training", 100);
    bar.resumedAt(60);
    assertTrue(lastLine().contains("60/100  60.0%"), lastLine());
    nanos.set(10_000_000_000L);
    bar.advance(10);
    // 10 steps in 10 s: 1 step/s and 30 s to go (counting the 60 resumed steps would say 7/s and 4 s).
    assertTrue(lastLine().contains("70/100  70.0% 1.0/s elapsed 00:10 ETA 00:30"), lastLine());
  }
}
