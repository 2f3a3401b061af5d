package org.reasonbrain.data.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.reasonbrain.data.world.Scene;

/**
 * Stage (d): makes candidate source images for a target. The paper uses a diffusion model with an
 * IP-Adapter guided by the candidate objects; ReasonWorld renders the pre-intervention scene with
 * the imperfections such a generator has. A real generator implements the same interface and leaves
 * {@link Candidate#scene()} null.
 */
public interface SourceGenerator {

  /** One candidate: the image, the scene it shows when known, and which imperfection it carries. */
  record Candidate(BufferedImage image, Scene scene, String defect) {}

  /**
   * Generates {@code n} candidates of the scene before the edit.
   *
   * @param intended the scene graph the source should show (the inverse of the intervention)
   * @param candidateObjects the nouns extracted from the initial instruction (stage c)
   * @param changed the ids of objects the intervention changes (a generator may lose them)
   */
  List<Candidate> generate(Scene intended, List<String> candidateObjects, List<String> changed, int n, Random rng);
}
