import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.diffusion.Autoencoder;

/**
 * How much of a thin object the frozen autoencoder's latent holds: for each IMAGE, the pixels above row Y that differ from
 * the wall (the top-left pixel) are painted as wall (for the tap scenes: the tap and its stream), and the per-cell L2
 * change of the latent is printed as a grid beside the latent's RMS.
 *
 * <pre>
 *   java -cp "app/target/reasonbrain-app-0.1.0-SNAPSHOT.jar:app/target/lib/*" bench/StreamLatent.java MODEL Y IMAGE...
 * </pre>
 */
public class StreamLatent {
  public static void main(String[] a) throws Exception {
    if (a.length < 3) {
      System.err.println("usage: bench/StreamLatent.java MODEL Y IMAGE...");
      System.exit(2);
    }
    int ymax = Integer.parseInt(a[1]);
    try (EditPipeline p = EditPipeline.load(Path.of(a[0])); NDManager m = NDManager.newBaseManager()) {
      Autoencoder vae = p.model().vae();
      p.model().tempAttach(m);
      int n = p.model().config().imageSize();
      for (int k = 2; k < a.length; k++) {
        BufferedImage im = ImageIO.read(new File(a[k]));
        BufferedImage er = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        int wall = im.getRGB(0, 0);
        int changed = 0;
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
          int c = im.getRGB(x, y);
          if (y < ymax && c != wall) { c = wall; changed++; }
          er.setRGB(x, y, c);
        }
        float[] px = new float[2 * 3 * n * n];
        Images.toChwSigned(im, px, 0);
        Images.toChwSigned(er, px, 1);
        NDArray z = vae.latent(m.create(px, new Shape(2, 3, n, n)));
        float[] zz = z.toFloatArray();
        int c = (int) z.getShape().get(1), h = (int) z.getShape().get(2), w = (int) z.getShape().get(3);
        int per = c * h * w;
        double tot = 0, mx = 0, norm = 0;
        StringBuilder sb = new StringBuilder();
        for (int yy = 0; yy < h; yy++) {
          for (int xx = 0; xx < w; xx++) {
            double d = 0;
            for (int ch = 0; ch < c; ch++) {
              int i = ch * h * w + yy * w + xx;
              d += Math.pow(zz[i] - zz[per + i], 2);
              norm += zz[i] * zz[i];
            }
            d = Math.sqrt(d); tot += d; mx = Math.max(mx, d);
            sb.append(d > 0.05 ? String.format("%4.1f", d) : "   .");
          }
          sb.append('\n');
        }
        System.out.printf("%s: %d pixels erased, latent rms %.3f, cell change max %.3f sum %.3f%n%s", a[k], changed,
            Math.sqrt(norm / per), mx, tot, sb);
      }
    }
  }
}
