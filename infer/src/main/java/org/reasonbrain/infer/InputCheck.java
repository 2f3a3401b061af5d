package org.reasonbrain.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.model.diffusion.Autoencoder;

/**
 * Says when an input is far from what the model was trained on, before it is edited (docs/ood-warning.md).
 *
 * <p>The score is the model's own autoencoder's reconstruction error of the input: the image as the model sees it
 * (the centred square, resized to the model's resolution) against {@code decode(encode(x))} through the plain
 * decoder (no source branch: that one would copy the input back and hide the error), as the mean absolute
 * difference over pixels and channels on the 0-1 scale. The autoencoder learnt only ReasonWorld's flat, few-colour
 * scenes, so it reconstructs those closely and textured photographs, noise and fine detail poorly; an input it
 * cannot reconstruct is one the diffusion model, which edits in that latent space, has never seen the like of.
 *
 * <p>Besides the score, two notes on the shape: a non-square image is edited only in its centred square, and an
 * image much larger than the model's resolution is shrunk a lot, so the edit comes back blurry at its own size.
 */
public final class InputCheck {
  /**
   * Reconstruction error (mean absolute, 0-1 scale) above which an input counts as far from the training scenes,
   * for the shipped model's autoencoder, set on val (docs/ood-warning.md): the 99.5th percentile of the error on the
   * val split of a build in the training mix's options is 0.0345 (600 scenes; 0.0166 on the 60 of a standard
   * 2,000-sample build, seed 4242), times about 1.45 for margin. No ReasonWorld image measured there scored above
   * 0.039 (about 9,600 sources and val targets over all splits); the photographs and textures scored 0.065-0.153, noise
   * 0.12-0.25. A model folder may set its own in its config.json as {@code inputCheckThreshold}.
   */
  public static final double MAX_RECONSTRUCTION_ERROR = 0.05;

  /** The centred square is shrunk more than this many times to reach the model's resolution: say the edit will be blurry. */
  public static final double MAX_SHRINK = 4;

  /** Width over height (or the inverse) below which the image counts as not square: the crop drops over 5% of it. */
  public static final double MIN_SQUARENESS = 0.95;

  /**
   * What the check found.
   *
   * @param reconstructionError the score (mean absolute error, 0-1 scale)
   * @param threshold the score above which the input is out of domain
   * @param warnings one sentence each, for the user; empty when the input looks like a training scene
   */
  public record Report(double reconstructionError, double threshold, int width, int height, int modelSize, List<String> warnings) {
    public Report {
      warnings = List.copyOf(warnings);
    }

    /** Whether the score is above the threshold. */
    public boolean outOfDomain() {
      return reconstructionError > threshold;
    }
  }

  private InputCheck() {}

  /**
   * Checks one image against the model's autoencoder.
   *
   * @param m a manager for the arrays of this check (the caller closes it; the autoencoder's parameters must be
   *     attached to it or to a parent)
   * @param threshold the reconstruction error above which the input is out of domain
   */
  public static Report check(NDManager m, Autoencoder vae, int size, BufferedImage image, double threshold) {
    double error = reconstructionError(m, vae, EditPipeline.squareResize(Images.toRgb(image), size));
    return new Report(error, threshold, image.getWidth(), image.getHeight(), size,
        warnings(error, threshold, image.getWidth(), image.getHeight(), size));
  }

  /** The score of an image already at the model's resolution ({@code size} x {@code size}, RGB). */
  static double reconstructionError(NDManager m, Autoencoder vae, BufferedImage square) {
    int size = square.getWidth();
    float[] px = new float[3 * size * size];
    Images.toChwSigned(square, px, 0);
    NDArray x = m.create(px, new Shape(1, 3, size, size));                       // [1, 3, H, W] in [-1, 1]
    NDArray rec = vae.decode(vae.latent(x)).clip(-1f, 1f);                        // the plain decoder: no source branch
    return rec.sub(x).abs().mean().getFloat() / 2;                                // [-1, 1] -> 0-1 scale
  }

  /** The sentences for a score and an image's size (pure, for tests). */
  static List<String> warnings(double error, double threshold, int width, int height, int size) {
    List<String> out = new ArrayList<>();
    if (error > threshold) {
      out.add(String.format(Locale.ROOT, "This image is far from the scenes the model was trained on (reconstruction error %.3f, "
          + "above %.3f): the model knows only ReasonWorld's simple drawn scenes at %d px, so expect a blurry or unrelated edit "
          + "(docs/ood-warning.md).", error, threshold, size));
    }
    int side = Math.min(width, height);
    if ((double) side / Math.max(width, height) < MIN_SQUARENESS) {
      out.add(String.format(Locale.ROOT, "The image is %dx%d, not square: the model edits only its centred %dx%d square; "
          + "the rest is left as it is.", width, height, side, side));
    }
    if ((double) side / size > MAX_SHRINK) {
      out.add(String.format(Locale.ROOT, "The model works at %dx%d px: the %dx%d square is shrunk %.1f times and the edit "
          + "scaled back up, so the edited part will look blurry.", size, size, side, side, (double) side / size));
    }
    return out;
  }
}
