package org.reasonbrain.core.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the one image intake every CLI, server and dataset path uses. Contract: a decoded 8-bit RGB
 * image within the pixel limit, or the project's BadImageException; never another exception, a hang or
 * an allocation the input sizes. In a plain test run it replays the committed inputs in
 * ImageIntakeFuzzTestInputs/; bench/fuzz.sh fuzzes it (JAZZER_FUZZ=1).
 */
class ImageIntakeFuzzTest {
  static final long MAX_PIXELS = 1 << 20;

  @FuzzTest(maxDuration = "60s")
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void decode(byte[] data) {
    try {
      BufferedImage img = Images.decode(data, "fuzz.png", MAX_PIXELS);
      assertTrue(img.getType() == BufferedImage.TYPE_INT_RGB && img.getWidth() > 0 && img.getHeight() > 0);
      assertTrue((long) img.getWidth() * img.getHeight() <= MAX_PIXELS);
    } catch (Images.BadImageException expected) {
      assertTrue(expected.getMessage().startsWith("fuzz.png"), expected.getMessage());
    }
  }
}
