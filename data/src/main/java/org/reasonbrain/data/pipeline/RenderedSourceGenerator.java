package org.reasonbrain.data.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * ReasonWorld's stand-in for the paper's diffusion + IP-Adapter generator. Candidate 0 is a faithful
 * render; the others carry one imperfection each, the failure modes the paper's hybrid scoring exists
 * to reject (App. E): identity drift of an object that should stay as it is, a missing object it was
 * guided to draw, or a noisy, low-quality image. Candidates come back in a shuffled order.
 */
public final class RenderedSourceGenerator implements SourceGenerator {
  public static final String FAITHFUL = "faithful";
  public static final String DRIFT = "identity-drift";
  public static final String MISSING = "missing-object";
  public static final String NOISE = "noise";

  private final Renderer renderer;

  public RenderedSourceGenerator(Renderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public List<Candidate> generate(Scene intended, List<String> candidateObjects, List<String> changed, int n, Random rng) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one candidate, asked for " + n);
    }
    List<Candidate> out = new ArrayList<>();
    BufferedImage faithful = renderer.render(intended);
    out.add(new Candidate(faithful, intended, FAITHFUL));
    String[] defects = {DRIFT, MISSING, NOISE};
    for (int i = 1; i < n; i++) {
      out.add(withDefect(intended, faithful, candidateObjects, changed, defects[(i - 1) % defects.length], rng));
    }
    Collections.shuffle(out, rng);
    return out;
  }

  private Candidate withDefect(Scene intended, BufferedImage faithful, List<String> candidateObjects, List<String> changed,
      String defect, Random rng) {
    switch (defect) {
      case DRIFT -> {
        List<SceneObject> keep = intended.objects().stream().filter(o -> !changed.contains(o.id())).toList();
        if (!keep.isEmpty()) {
          SceneObject o = keep.get(rng.nextInt(keep.size()));
          double dx = (rng.nextBoolean() ? 1 : -1) * (0.04 + 0.03 * rng.nextDouble());
          Scene s = intended.update(o.id(), x -> x.at(x.x() + dx, x.y()).withColor(x.rgb() ^ 0x5A3C1E));
          return new Candidate(renderer.render(s), s, DRIFT);
        }
        return noisy(faithful, intended, rng);
      }
      case MISSING -> {
        // The generator loses one of the objects it was guided by (the extracted candidates).
        List<String> guided = intended.objects().stream()
            .filter(o -> candidateObjects.stream().anyMatch(c -> HybridScorer.names(c, o)))
            .map(SceneObject::id).toList();
        if (!guided.isEmpty()) {
          Scene s = intended.remove(guided.get(rng.nextInt(guided.size())));
          return new Candidate(renderer.render(s), s, MISSING);
        }
        return noisy(faithful, intended, rng);
      }
      default -> {
        return noisy(faithful, intended, rng);
      }
    }
  }

  private static Candidate noisy(BufferedImage faithful, Scene intended, Random rng) {
    float[] px = Images.toFloatHwc(faithful);
    for (int i = 0; i < px.length; i++) {
      px[i] += (float) (rng.nextGaussian() * 0.06);
    }
    return new Candidate(Images.fromFloatHwc(px, faithful.getWidth(), faithful.getHeight()), intended, NOISE);
  }
}
