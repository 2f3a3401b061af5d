package org.reasonbrain.app;

import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.sampling.DdimSampler;
import picocli.CommandLine.Option;

/** The sampling options that edit, demo and eval share (a picocli mixin); defaults from {@link EditPipeline.Options}. */
final class SamplingOptions {
  @Option(names = "--steps", defaultValue = "20", description = "DDIM steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--text-guidance", defaultValue = EditPipeline.Options.TEXT_GUIDANCE, description = "Text guidance scale (default ${DEFAULT-VALUE}).")
  double textGuidance;

  @Option(names = "--image-guidance", defaultValue = EditPipeline.Options.IMAGE_GUIDANCE, description = "Image guidance scale (default ${DEFAULT-VALUE}).")
  double imageGuidance;

  @Option(names = "--spacing", defaultValue = EditPipeline.Options.SPACING, description = "DDIM timestep spacing: "
      + "leading (Stable Diffusion's) or trailing (starts at the noisiest trained step) (default ${DEFAULT-VALUE}).")
  String spacing;

  @Option(names = "--preserve", defaultValue = EditPipeline.Options.PRESERVE, description = "Keep the source's pixels "
      + "where the edit left the latent unchanged: a latent cell's RMS change threshold (default ${DEFAULT-VALUE}; 0 = off).")
  double preserve;

  @Option(names = "--keep-pixels", description = "Keep the source's pixels where the decoded edit differs from the "
      + "source decoded the same way by at most this (0-1 scale, 0 = off; default: the model's keepPixels, else off).")
  Double keepPixels;

  @Option(names = "--eta", defaultValue = EditPipeline.Options.ETA, description = "DDIM eta: 0 deterministic, "
      + "1 ancestral (fresh noise each step) (default ${DEFAULT-VALUE}).")
  double eta;

  /** Sets the pipeline's {@link EditPipeline#keepPixels(double)} when --keep-pixels was given (a bad value is a user error). */
  EditPipeline apply(EditPipeline p) {
    return keepPixels(p, keepPixels);
  }

  /** {@code p} with its keep-pixels threshold set to {@code value}, unless null (the model's own). */
  static EditPipeline keepPixels(EditPipeline p, Double value) {
    if (value != null) {
      try {
        p.keepPixels(value);
      } catch (IllegalArgumentException e) {
        throw new UserError("--keep-pixels: " + e.getMessage());
      }
    }
    return p;
  }

  /** The options (a bad value is a user error naming the option). */
  EditPipeline.Options options() {
    try {
      return new EditPipeline.Options(steps, textGuidance, imageGuidance, seed, preserve, DdimSampler.Spacing.parse(spacing), eta);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
