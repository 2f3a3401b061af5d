import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.diffusion.Autoencoder;

/**
 * How well MODEL's autoencoder keeps the pixels an edit leaves alone: for the first LIMIT samples of FAMILY in
 * test-id, the mean L1 (0-1 scale) over the pixels the judge's "rest kept" test reads (outside its region R: the
 * pixels where the source differs from the target or a distractor, grown by 2) and below the top 4 x ROWS pixel rows,
 * of each way of decoding:
 * <ul>
 *   <li>{@code plainT}, {@code plainS}: the plain decoder's reconstruction of the target, of the source;
 *   <li>{@code cropT}: the target's latent without its top ROWS latent rows (decoded alone: no sky around the rest);
 *   <li>{@code daySkyT}: the target's latent with its top ROWS latent rows taken from the source's (a day sky);
 *   <li>{@code openT}: the target decoded beside the source with the source branch open everywhere;
 *   <li>{@code maskT}: as the shipped pipeline's oracle decodes it (the branch closed on the cells the target changes,
 *       grown by one); {@code exactT}: closed on those cells, not grown;
 *   <li>{@code openS}: the source decoded beside itself, branch open (the most the branch could keep).
 * </ul>
 *
 * <pre>
 *   java -cp "app/target/reasonbrain-app-0.1.0-SNAPSHOT.jar:app/target/lib/*" bench/KeptPixels.java MODEL DATA FAMILY [LIMIT] [ROWS]
 * </pre>
 */
public class KeptPixels {
  public static void main(String[] a) throws Exception {
    if (a.length < 3) {
      System.err.println("usage: bench/KeptPixels.java MODEL DATA FAMILY [LIMIT] [ROWS]");
      System.exit(2);
    }
    int limit = a.length > 3 ? Integer.parseInt(a[3]) : 6;
    int rows = a.length > 4 ? Integer.parseInt(a[4]) : 4;
    Dataset ds = Dataset.load(Path.of(a[1]));
    String[] names = {"plainT", "plainS", "cropT", "daySkyT", "openT", "maskT", "exactT", "openS"};
    System.out.println("| sample | pixels read | " + String.join(" | ", names) + " |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    try (EditPipeline p = EditPipeline.load(Path.of(a[0])); NDManager m = NDManager.newBaseManager()) {
      Autoencoder vae = p.model().vae();
      p.model().tempAttach(m);
      int done = 0;
      for (Sample s : ds.split("test-id")) {
        if (!a[2].equals(s.family()) || !s.steps().isEmpty()) {
          continue;
        }
        if (done++ == limit) {
          break;
        }
        int n = p.model().config().imageSize();
        int hw = n * n;
        float[] px = new float[2 * 3 * hw];
        Images.toChwSigned(ds.image(s.target()), px, 0);
        Images.toChwSigned(ds.image(s.source()), px, 1);
        NDArray pair = m.create(px, new Shape(2, 3, n, n));
        NDArray z = vae.latent(pair);
        NDArray zt = z.get(new NDIndex("0:1"));
        NDArray zs = z.get(new NDIndex("1:2"));
        NDArray src = pair.get(new NDIndex("1:2"));
        NDArray cells = Autoencoder.changedCells(pair.get(new NDIndex("0:1")), src);
        NDArray daySky = zt.duplicate();
        daySky.set(new NDIndex(":, :, 0:" + rows + ", :"), zs.get(new NDIndex(":, :, 0:" + rows + ", :")));
        NDArray notGrown = cells.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).neg().add(1);
        float[][] dec = {
            vae.decode(zt).clip(-1f, 1f).toFloatArray(),
            vae.decode(zs).clip(-1f, 1f).toFloatArray(),
            vae.decode(zt.get(new NDIndex(":, :, " + rows + ":, :"))).clip(-1f, 1f).toFloatArray(),
            vae.decode(daySky).clip(-1f, 1f).toFloatArray(),
            vae.decode(zt, src).clip(-1f, 1f).toFloatArray(),
            vae.decode(zt, src, Autoencoder.keepOutside(cells)).clip(-1f, 1f).toFloatArray(),
            vae.decode(zt, src, notGrown).clip(-1f, 1f).toFloatArray(),
            vae.decode(zs, src).clip(-1f, 1f).toFloatArray()};
        double[] e = new double[dec.length];
        int count = 0;
        BufferedImage si = ds.image(s.source());
        BufferedImage ti = ds.image(s.target());
        java.util.List<BufferedImage> dis = new java.util.ArrayList<>();
        for (var d : s.distractorTargets()) {
          dis.add(ds.image(d.path()));
        }
        boolean[] r = new boolean[hw];
        for (int i = 0; i < hw; i++) {
          int sp = si.getRGB(i % n, i / n);
          boolean differs = sp != ti.getRGB(i % n, i / n);
          for (BufferedImage d : dis) {
            differs |= sp != d.getRGB(i % n, i / n);
          }
          r[i] = differs;
        }
        boolean[] judged = org.reasonbrain.data.world.Renderer.dilate(r, n, 2);
        int y0 = 4 * rows;
        for (int y = y0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            int i = y * n + x;
            if (judged[i]) {
              continue;
            }
            count++;
            for (int c = 0; c < 3; c++) {
              float t = px[c * hw + i];
              float sv = px[3 * hw + c * hw + i];
              int cropped = c * (n - y0) * n + (y - y0) * n + x;
              for (int k = 0; k < dec.length; k++) {
                float want = k == 1 || k == 7 ? sv : t;
                float got = k == 2 ? dec[k][cropped] : dec[k][c * hw + i];
                e[k] += Math.abs(got - want) / 2;
              }
            }
          }
        }
        StringBuilder row = new StringBuilder("| " + s.id() + " | " + count + " |");
        for (double v : e) {
          row.append(String.format(Locale.ROOT, " %.3f |", count == 0 ? 0 : v / count / 3));
        }
        System.out.println(row);
      }
    }
  }
}
