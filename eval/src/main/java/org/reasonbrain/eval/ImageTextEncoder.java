package org.reasonbrain.eval;

import java.awt.image.BufferedImage;

/**
 * Any image/text encoder pair in one embedding space (CLIP, or the project's own contrastive encoder),
 * for the paper's CLIP family of scores.
 */
public interface ImageTextEncoder {
  float[] image(BufferedImage image);

  float[] text(String text);
}
