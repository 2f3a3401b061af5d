package org.reasonbrain.data.build;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.data.world.Category;

/**
 * Which split and category each sample index gets. Indices are laid out split by split (train first);
 * inside a split, every block of ten consecutive samples holds exactly 4 physical, 3 temporal,
 * 2 causal and 1 story sample in a seeded order, so the paper's 40/30/20/10 mix holds at any size.
 * A pure function of (samples, seed, index): samples can be made in any order, on any thread.
 */
public final class SplitPlan {
  private static final Category[] BLOCK = {Category.PHYSICAL, Category.PHYSICAL, Category.PHYSICAL,
      Category.PHYSICAL, Category.TEMPORAL, Category.TEMPORAL, Category.TEMPORAL, Category.CAUSAL,
      Category.CAUSAL, Category.STORY};

  /** Rows per counterfactual set: host, rival, null and absent (see {@code CounterfactualSet}). */
  public static final int SET_SIZE = 4;

  private final int samples;
  private final long seed;
  private final Map<Split, Integer> counts = new EnumMap<>(Split.class);
  private final Map<Split, Integer> starts = new EnumMap<>(Split.class);

  public SplitPlan(int samples, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("a dataset needs at least one sample, got " + samples);
    }
    this.samples = samples;
    this.seed = seed;
    int rest = samples;
    for (Split s : Split.values()) {
      if (s == Split.TRAIN) {
        continue;
      }
      int n = (int) Math.round(samples * s.share());
      if (samples >= 12) {
        n = Math.max(1, n);
      }
      if (s == Split.TEST_COUNTERFACTUAL) {
        // Whole sets only, and none in builds too small to hold one beside the other splits.
        n = samples >= 50 ? Math.max(1, n / SET_SIZE) * SET_SIZE : 0;
      }
      counts.put(s, n);
      rest -= n;
    }
    counts.put(Split.TRAIN, rest);
    int start = 0;
    for (Split s : Split.values()) {
      starts.put(s, start);
      start += counts.get(s);
    }
  }

  public int samples() {
    return samples;
  }

  public int count(Split s) {
    return counts.get(s);
  }

  public Split splitOf(int index) {
    check(index);
    Split last = Split.TRAIN;
    for (Split s : Split.values()) {
      if (index >= starts.get(s) && counts.get(s) > 0) {
        last = s;
      }
    }
    return last;
  }

  /** Position of {@code index} inside its split. */
  public int indexInSplit(int index) {
    return index - starts.get(splitOf(index));
  }

  /** The first index of the block of {@link #SET_SIZE} indices of {@code index}'s split that holds it. */
  public int setBase(int index) {
    return index - indexInSplit(index) % SET_SIZE;
  }

  /** True when the whole block of {@code index} lies inside its split (a set never straddles two splits). */
  public boolean wholeBlock(int index) {
    Split s = splitOf(index);
    return indexInSplit(index) - indexInSplit(index) % SET_SIZE + SET_SIZE <= counts.get(s);
  }

  public Category categoryOf(int index) {
    Split s = splitOf(index);
    int i = indexInSplit(index);
    List<Category> block = new ArrayList<>(List.of(BLOCK));
    Collections.shuffle(block, new Random(seed * 1_000_003L + s.ordinal() * 7_919L + i / 10));
    return block.get(i % 10);
  }

  private void check(int index) {
    if (index < 0 || index >= samples) {
      throw new IndexOutOfBoundsException("sample index " + index + " outside 0.." + (samples - 1));
    }
  }
}
