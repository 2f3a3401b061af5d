import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.eval.Judge;
import org.reasonbrain.infer.EditPipeline;

/**
 * Why the autoencoder ceiling misses strict: the judge's verdict on MODEL's reconstruction of each true target of
 * the first LIMIT samples of SPLIT (as `eval --oracle-vae`), grouped by the strict condition missed, with the size
 * of the region the "rest of the image kept" test reads (the pixels outside the judge's region R) and the families.
 *
 * <pre>
 *   java -cp "app/target/reasonbrain-app-0.1.0-SNAPSHOT.jar:app/target/lib/*" bench/StrictSlivers.java MODEL DATA [LIMIT] [SPLIT]
 * </pre>
 */
public class StrictSlivers {
  public static void main(String[] a) throws Exception {
    if (a.length < 2) {
      System.err.println("usage: bench/StrictSlivers.java MODEL DATA [LIMIT] [SPLIT]");
      System.exit(2);
    }
    int limit = a.length > 2 ? Integer.parseInt(a[2]) : 400;
    String split = a.length > 3 ? a[3] : "test-id";
    Dataset ds = Dataset.load(Path.of(a[1]));
    Map<String, List<Integer>> outside = new TreeMap<>();
    Map<String, Map<String, Integer>> families = new TreeMap<>();
    try (EditPipeline p = EditPipeline.load(Path.of(a[0]))) {
      int n = 0;
      for (Sample s : ds.split(split)) {
        if (!s.steps().isEmpty() || s.distractorTargets().isEmpty()) {
          continue;
        }
        if (n++ == limit) {
          break;
        }
        BufferedImage src = ds.image(s.source());
        BufferedImage tgt = ds.image(s.target());
        List<BufferedImage> dis = new ArrayList<>();
        for (var d : s.distractorTargets()) {
          dis.add(ds.image(d.path()));
        }
        Judge.Verdict v = Judge.judge(p.reconstruct(tgt), src, tgt, dis);
        int w = tgt.getWidth();
        boolean[] r = new boolean[w * tgt.getHeight()];
        for (int y = 0; y < tgt.getHeight(); y++) {
          for (int x = 0; x < w; x++) {
            int sp = src.getRGB(x, y);
            boolean differs = sp != tgt.getRGB(x, y);
            for (BufferedImage d : dis) {
              differs |= sp != d.getRGB(x, y);
            }
            r[y * w + x] = differs;
          }
        }
        int out = 0;
        for (boolean in : Renderer.dilate(r, w, 2)) {
          out += in ? 0 : 1;
        }
        boolean margin = v.toTarget() > Judge.MARGIN * v.toNearestDistractor();
        boolean kept = v.outsideL1() > Judge.PRESERVE;
        String why = v.strict() ? "pass" : !v.lenient() ? "lenient miss" : margin && kept ? "both" : margin ? "margin" : "kept";
        outside.computeIfAbsent(why, k -> new ArrayList<>()).add(out);
        families.computeIfAbsent(why, k -> new TreeMap<>()).merge(s.family(), 1, Integer::sum);
      }
      System.out.printf(Locale.ROOT, "%s, first %d samples of %s: the oracle's verdicts%n", a[0], Math.min(n, limit), split);
      System.out.println("| verdict | samples | pixels outside R: min / median / max (of " + 64 * 64 + " at 64 px) | families |");
      System.out.println("|---|---|---|---|");
      for (var e : outside.entrySet()) {
        List<Integer> o = e.getValue().stream().sorted().toList();
        System.out.printf(Locale.ROOT, "| %s | %d | %d / %d / %d | %s |%n", e.getKey(), o.size(), o.get(0), o.get(o.size() / 2),
            o.get(o.size() - 1), e.getKey().equals("pass") ? "" : families.get(e.getKey()));
      }
    }
  }
}
