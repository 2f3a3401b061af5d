package org.reasonbrain.data.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Stage (f): keeps the N best-scored candidates (N = 1 gives the paper's one-to-one pairs, Table A10). */
public final class TopNSelector {
  private TopNSelector() {}

  /** A candidate with its score and its position in the generator's output. */
  public record Scored(SourceGenerator.Candidate candidate, HybridScorer.Score score, int index) {}

  /** The {@code n} highest totals, best first; ties keep the generator's order. */
  public static List<Scored> select(List<Scored> scored, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("keep at least one candidate, asked for " + n);
    }
    List<Scored> sorted = new ArrayList<>(scored);
    sorted.sort(Comparator.comparingDouble((Scored s) -> -s.score().total()).thenComparingInt(Scored::index));
    return sorted.subList(0, Math.min(n, sorted.size()));
  }
}
