package org.reasonbrain.model.frce;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The instance segmenter of the region branch (the paper uses SAM). Masks come from the sample
 * when the dataset has them; otherwise from an implementation of this interface.
 */
public interface Segmenter {
  /** Instance masks (one boolean per pixel, row-major) of an RGB image, largest regions first. */
  List<boolean[]> segment(BufferedImage image, int maxRegions);
}
