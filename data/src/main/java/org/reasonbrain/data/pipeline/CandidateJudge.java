package org.reasonbrain.data.pipeline;

import java.awt.image.BufferedImage;

/**
 * The optional GPT step of the paper's hybrid scoring: a model that rates how well a candidate source
 * image fits the instruction, in [0, 1]. Off by default; an OpenAI-compatible vision chat endpoint can
 * implement it.
 */
@FunctionalInterface
public interface CandidateJudge {
  double rate(BufferedImage candidate, String initialInstruction);
}
