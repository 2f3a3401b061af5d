package org.reasonbrain.eval;

import java.awt.image.BufferedImage;

/**
 * The paper's CLIP family, for any {@link ImageTextEncoder} (cosine similarities):
 * <ul>
 *   <li>CLIP score = CLIP-out: edited image vs the expected output text (App. D, Table 3);</li>
 *   <li>CLIP-dir: (edited image - source image) vs (output text - input text) (Table 3);</li>
 *   <li>CLIP-im: edited image vs source image (Table 3).</li>
 * </ul>
 * ReasonWorld has no captions, so the expected output text is the explicit initial instruction and the
 * input text lists the source's objects ("a picture of a rock and an ice cube").
 */
public final class ClipScores {
  private ClipScores() {}

  public record Scores(double clipOut, double clipDir, double clipIm) {}

  public static Scores score(ImageTextEncoder enc, BufferedImage source, BufferedImage edit, String inputText, String outputText) {
    float[] is = enc.image(source);
    float[] ie = enc.image(edit);
    float[] ti = enc.text(inputText);
    float[] to = enc.text(outputText);
    return new Scores(cosine(ie, to), cosine(minus(ie, is), minus(to, ti)), cosine(ie, is));
  }

  static float[] minus(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("embeddings differ in size: " + a.length + " vs " + b.length);
    }
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  static double cosine(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : d / Math.sqrt(na * nb);
  }
}
