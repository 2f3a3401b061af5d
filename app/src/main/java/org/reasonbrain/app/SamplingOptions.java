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

  @Option(names = "--eta", defaultValue = EditPipeline.Options.ETA, description = "DDIM eta: 0 deterministic, "
      + "1 ancestral (fresh noise each step) (default ${DEFAULT-VALUE}).")
  double eta;

  /** The options (a bad value is a user error naming the option). */
  EditPipeline.Options options() {
    try {
      return new EditPipeline.Options(steps, textGuidance, imageGuidance, seed, preserve, DdimSampler.Spacing.parse(spacing), eta);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
