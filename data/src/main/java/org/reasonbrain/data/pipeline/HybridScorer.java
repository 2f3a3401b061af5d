package org.reasonbrain.data.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reasonbrain.core.image.ImageMetrics;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * Stage (e): scores a candidate source against the target outside the edit region, as the paper
 * combines GPT scores with perceptual quality metrics. Four parts, each in [0, 1]:
 * <ul>
 *   <li>PSNR outside the edit region, divided by 40 dB and capped at 1;</li>
 *   <li>SSIM (on luma) outside the edit region;</li>
 *   <li>object consistency: the mean of (i) for every object the edit must not touch, 1 - 4 x L1
 *       between candidate and target inside that object's target mask shrunk by one pixel (clamped
 *       at 0), and (ii) for
 *       every candidate object extracted from the instruction that names objects the generator was
 *       asked to draw, the fraction of those objects the candidate shows (capped at 1);</li>
 *   <li>quality: 1 - (no-reference noise estimate / 0.05), clamped at 0.</li>
 * </ul>
 * Total = 0.2 PSNR part + 0.2 SSIM part + 0.4 consistency + 0.2 quality; with a judge, the mean of that and the
 * judge's rating. Not thread-safe (it caches the target's masks and statistics): use one scorer per thread.
 */
public final class HybridScorer {

  /** The parts of a score and their total. */
  public record Score(double psnr, double ssim, double objectConsistency, double quality, double judge, double total) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "total %.3f (psnr %.1f dB, ssim %.3f, objects %.3f, quality %.3f)",
          total, psnr, ssim, objectConsistency, quality);
    }
  }

  private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile("\\s+");

  private final Renderer renderer;
  private final CandidateJudge judge;
  private Scene cachedScene;
  private float[] cachedTargetPx;
  private ImageMetrics.LumaSsim cachedSsim;
  private List<boolean[]> cachedMasks;

  public HybridScorer(Renderer renderer, CandidateJudge judge) {
    this.renderer = renderer;
    this.judge = judge;
  }

  /**
   * Scores one candidate.
   *
   * @param target the target scene (its image is rendered once by the caller and passed as {@code targetPx})
   * @param intended the scene the generator was asked to draw (the objects a candidate must show)
   * @param preserve pixels outside the edit region
   * @param changed ids of the objects the edit changes
   * @param extracted noun chunks of the initial instruction
   */
  public Score score(SourceGenerator.Candidate c, float[] targetPx, Scene target, Scene intended, boolean[] preserve,
      List<String> changed, List<String> extracted, String initialInstruction) {
    int size = renderer.size();
    float[] cand = Images.toFloatHwc(c.image());
    double psnr = ImageMetrics.psnr(cand, targetPx, preserve);
    if (targetPx != cachedTargetPx) {
      cachedSsim = new ImageMetrics.LumaSsim(targetPx, size, size);
      cachedTargetPx = targetPx;
    }
    double ssim = cachedSsim.ssim(cand, preserve);
    List<Double> parts = new ArrayList<>();
    List<boolean[]> masks = interiors(target);
    for (int i = 0; i < target.objects().size(); i++) {
      SceneObject o = target.objects().get(i);
      if (changed.contains(o.id()) || count(masks.get(i)) == 0) {
        continue;
      }
      parts.add(Math.max(0, 1 - 4 * ImageMetrics.l1(cand, targetPx, masks.get(i))));
    }
    if (c.scene() != null) {
      for (String chunk : extracted) {
        long asked = intended.objects().stream().filter(o -> names(chunk, o)).count();
        if (asked > 0) {
          long inCandidate = c.scene().objects().stream().filter(o -> names(chunk, o)).count();
          parts.add(Math.min(1.0, inCandidate / (double) asked));
        }
      }
    }
    double consistency = parts.isEmpty() ? 1 : parts.stream().mapToDouble(d -> d).average().orElse(1);
    double quality = Math.max(0, 1 - ImageMetrics.noiseSigma(cand, size, size) / 0.05);
    double total = 0.2 * Math.min(1, psnr / 40) + 0.2 * ssim + 0.4 * consistency + 0.2 * quality;
    double j = Double.NaN;
    if (judge != null) {
      j = judge.rate(c.image(), initialInstruction);
      total = (total + j) / 2;
    }
    return new Score(psnr, ssim, consistency, quality, j, total);
  }

  /**
   * True when a noun chunk names the object: some word of the chunk is the head word of the object's
   * noun or of one of its lexicon synonyms (plurals folded).
   */
  public static boolean names(String chunk, SceneObject o) {
    java.util.Set<String> words = new java.util.HashSet<>();
    for (String w : SPACE.split(chunk.trim().toLowerCase(Locale.ROOT))) {
      words.add(stem(w));
    }
    String noun = o.kind().noun();
    if (words.contains(stem(lastWord(noun)))) {
      return true;
    }
    for (String key : Lexicon.keys()) {
      if (!stem(lastWord(key)).equals(stem(lastWord(noun)))) {
        continue;
      }
      for (String syn : Lexicon.synonyms(key)) {
        if (words.contains(stem(lastWord(syn)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String lastWord(String s) {
    String[] w = SPACE.split(s.trim().toLowerCase(Locale.ROOT));
    return w[w.length - 1];
  }

  private static String stem(String w) {
    if (w.endsWith("es") && w.length() > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("oes"))) {
      return w.substring(0, w.length() - 2);
    }
    return w.endsWith("s") && !w.endsWith("ss") && w.length() > 3 ? w.substring(0, w.length() - 1) : w;
  }

  /**
   * The instance masks of the target shrunk by one pixel, so that anti-aliased edges (which blend
   * with a background the edit may change) do not count; an object too thin to shrink keeps its
   * whole mask. Cached for the last target scene.
   */
  private List<boolean[]> interiors(Scene target) {
    if (target != cachedScene) {
      List<boolean[]> out = new ArrayList<>();
      int w = renderer.size();
      for (boolean[] m : renderer.instanceMasks(target)) {
        boolean[] inner = EditRegion.outside(Renderer.dilate(EditRegion.outside(m), w, 1));
        out.add(count(inner) > 0 ? inner : m);
      }
      cachedMasks = out;
      cachedScene = target;
    }
    return cachedMasks;
  }

  private static int count(boolean[] m) {
    int n = 0;
    for (boolean b : m) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
