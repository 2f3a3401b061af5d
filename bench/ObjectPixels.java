import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.infer.EditPipeline;

/**
 * How well MODEL's autoencoder keeps the objects of a scene, not only its background: for the first LIMIT single-step
 * samples of SPLIT, each source encoded and decoded by the plain decoder (no source branch: what the denoiser's latent
 * alone carries), the PSNR over the whole image and over the pixels of the scene's object masks, and the mean L1 (0-1
 * scale) over those object pixels. A whole-image PSNR is mostly wall, floor and sky; the objects are what an edit changes.
 *
 * <pre>
 *   java -cp "app/target/reasonbrain-app-0.1.0-SNAPSHOT.jar:app/target/lib/*" bench/ObjectPixels.java MODEL DATA [SPLIT] [LIMIT]
 * </pre>
 */
public class ObjectPixels {
  public static void main(String[] a) throws Exception {
    if (a.length < 2) {
      System.err.println("usage: bench/ObjectPixels.java MODEL DATA [SPLIT] [LIMIT]");
      System.exit(2);
    }
    String split = a.length > 2 ? a[2] : "test-id";
    int limit = a.length > 3 ? Integer.parseInt(a[3]) : 100;
    Dataset ds = Dataset.load(Path.of(a[1]));
    double seAll = 0;
    double seObj = 0;
    double l1Obj = 0;
    long nAll = 0;
    long nObj = 0;
    int done = 0;
    try (EditPipeline p = EditPipeline.load(Path.of(a[0])); NDManager m = NDManager.newBaseManager()) {
      p.model().tempAttach(m);
      int n = p.model().config().imageSize();
      int hw = n * n;
      for (Sample s : ds.split(split)) {
        if (!s.steps().isEmpty() || s.masks().isEmpty()) {
          continue;
        }
        if (done++ == limit) {
          break;
        }
        BufferedImage src = ds.image(s.source());
        float[] px = new float[3 * hw];
        Images.toChwSigned(src, px, 0);
        NDArray x = m.create(px, new Shape(1, 3, n, n));
        float[] dec = p.model().vae().decode(p.model().vae().latent(x)).clip(-1f, 1f).toFloatArray();
        boolean[] obj = new boolean[hw];
        for (Sample.MaskRef r : s.masks()) {
          boolean[] mk = ds.mask(r.path(), n, n);
          for (int i = 0; i < hw; i++) {
            obj[i] |= mk[i];
          }
        }
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < hw; i++) {
            double d = (dec[c * hw + i] - px[c * hw + i]) / 2;       // 0-1 scale
            seAll += d * d;
            nAll++;
            if (obj[i]) {
              seObj += d * d;
              l1Obj += Math.abs(d);
              nObj++;
            }
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s on %d %s sources: PSNR %.2f dB whole image, %.2f dB on the objects' pixels (%.1f%% of the"
        + " image), L1 on them %.4f%n", a[0], Math.min(done, limit), split, psnr(seAll / nAll), psnr(seObj / nObj),
        100.0 * nObj / nAll, l1Obj / nObj);
  }

  private static double psnr(double mse) {
    return 10 * Math.log10(1 / mse);
  }
}
