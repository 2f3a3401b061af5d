package org.reasonbrain.app;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.model.PaperPresets;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain model info}: parameter counts per module of a preset, trainable and frozen. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Parameter counts per module of a preset (tiny, ip2p, mllm-only, tiny-no-frce, tiny-no-id, tiny-no-cme, paper-3b, paper-7b), trainable and frozen.")
final class ModelInfoCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "tiny", description = "Preset (default ${DEFAULT-VALUE}).")
  String preset;

  @Override
  public Integer call() {
    System.out.printf("%-28s %14s %14s  %s%n", "module", "parameters", "trainable", "");
    long total = 0;
    long trainable = 0;
    if (PaperPresets.isPaper(preset)) {
      for (PaperPresets.Row r : PaperPresets.rows(preset)) {
        System.out.printf("%-28s %14s %14s  %s%n", r.module(), fmt(r.total()), fmt(r.trainable()), r.note());
        total += r.total();
        trainable += r.trainable();
      }
    } else {
      try (NDManager m = NDManager.newBaseManager()) {
        ReasonBrain model = new ReasonBrain(m, 0, ReasonBrainConfig.preset(preset));
        model.vae().setTrainable(false); // as in the reasonbrain stage (the vae stage trains it alone)
        model.imageEncoder().setTrainable(false); // E_I is frozen there too (trained by the clip stage)
        Map<String, long[]> per = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> {
          String top = name.startsWith("frce.") ? "frce." + name.split("\\.")[1] : name.split("\\.")[0];
          long[] c = per.computeIfAbsent(top, k -> new long[2]);
          c[0] += p.value().size();
          c[1] += p.trainable() ? p.value().size() : 0;
        });
        for (var e : per.entrySet()) {
          System.out.printf("%-28s %14s %14s%n", e.getKey(), fmt(e.getValue()[0]), fmt(e.getValue()[1]));
          total += e.getValue()[0];
          trainable += e.getValue()[1];
        }
        System.out.println("(E_T, all-MiniLM-L6-v2, 22.6 M, frozen, runs in ONNX Runtime and is not counted above;"
            + " trainable = in the reasonbrain stage with LoRA on)");
        ReasonBrainConfig rc = model.config();
        if (model.mllm() != null) {
          System.out.printf("MLLM token budget: %d tokens per sample (image-grid tokens pooled %dx%d: %d instead of %d each)%n",
              model.mllmTokens(32), rc.mllmPool(), rc.mllmPool(), (rc.imageSize() / 8 / rc.mllmPool()) * (rc.imageSize() / 8 / rc.mllmPool()),
              (rc.imageSize() / 8) * (rc.imageSize() / 8));
        }
        if (model.cmeVisualTokens() > 0) {
          int g = rc.imageSize() / 8 / rc.cmePool();
          System.out.printf("CME token budget: %d image-grid tokens per sample in the visual enhancer (%s), R-bar_visual on a %dx%d grid%n",
              model.cmeVisualTokens(), rc.cmePool() == 1 ? "unpooled"
                  : String.format("pooled %dx%d: %d instead of %d", rc.cmePool(), rc.cmePool(), g * g, (rc.imageSize() / 8) * (rc.imageSize() / 8)),
              g, g);
        }
        if (model.unet().hasPixelStem()) {
          long stem = model.unet().parameters().entrySet().stream().filter(e -> e.getKey().startsWith("pixel_stem."))
              .mapToLong(e -> e.getValue().value().size()).sum();
          System.out.printf("UNet pixel stem: the source's %dx%d pixels reach the UNet's first %dx%d map beside its latent (%s parameters)%n",
              rc.imageSize(), rc.imageSize(), rc.imageSize() / 4, rc.imageSize() / 4, fmt(stem));
        }
      }
    }
    System.out.printf("%-28s %14s %14s%n", "total", fmt(total), fmt(trainable));
    return 0;
  }

  private static String fmt(long n) {
    return n >= 1_000_000 ? String.format("%.1f M", n / 1e6) : String.format("%,d", n);
  }
}
