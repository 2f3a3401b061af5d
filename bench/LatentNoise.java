import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.diffusion.Autoencoder;

/**
 * How noisy MODEL's autoencoder posterior is against the detail its means carry: the first LIMIT test-id sources
 * encoded in one batch; per latent channel, the spread (RMS about the mean) of the posterior means, the mean absolute
 * difference between horizontally neighbouring cells (the detail), and the posterior's standard deviation (mean, min, max).
 *
 * <pre>
 *   java -cp "app/target/reasonbrain-app-0.1.0-SNAPSHOT.jar:app/target/lib/*" bench/LatentNoise.java MODEL DATA [LIMIT]
 * </pre>
 */
public class LatentNoise {
  public static void main(String[] a) throws Exception {
    if (a.length < 2) {
      System.err.println("usage: bench/LatentNoise.java MODEL DATA [LIMIT]");
      System.exit(2);
    }
    int limit = a.length > 2 ? Integer.parseInt(a[2]) : 32;
    Dataset ds = Dataset.load(Path.of(a[1]));
    List<Sample> picked = ds.split("test-id").stream().limit(limit).toList();
    try (EditPipeline p = EditPipeline.load(Path.of(a[0])); NDManager m = NDManager.newBaseManager()) {
      p.model().tempAttach(m);
      int n = p.model().config().imageSize();
      float[] px = new float[picked.size() * 3 * n * n];
      for (int i = 0; i < picked.size(); i++) {
        Images.toChwSigned(ds.image(picked.get(i).source()), px, i);
      }
      Autoencoder vae = p.model().vae();
      Autoencoder.Posterior post = vae.encode(m.create(px, new Shape(picked.size(), 3, n, n)));
      NDArray sd = post.logvar().mul(0.5f).exp();
      for (int c = 0; c < vae.config().latent(); c++) {
        NDArray mc = post.mean().get(":, " + c);
        NDArray sc = sd.get(":, " + c);
        System.out.printf(Locale.ROOT, "channel %d: spread of the means %.4f, |neighbour difference| %.4f, posterior sd mean %.4f"
            + " (min %.4f, max %.4f)%n", c, mc.sub(mc.mean()).square().mean().sqrt().getFloat(),
            mc.get(":, :, 1:").sub(mc.get(":, :, :-1")).abs().mean().getFloat(), sc.mean().getFloat(), sc.min().getFloat(),
            sc.max().getFloat());
      }
    }
  }
}
