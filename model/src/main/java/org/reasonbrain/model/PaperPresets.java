package org.reasonbrain.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's model sizes (Table A4, App. D) as shapes only: 7 B parameters in fp32 are 28 GB, more
 * than this machine has, so nothing is allocated. Counts follow the same block structure as the code
 * (attention without biases, SwiGLU feed-forward of twice the width, pre-norms) at the paper's widths;
 * the pretrained backbones (CLIP ViT-L/14, LLaVA, Stable Diffusion) are counted from their published
 * architectures. Table A4 for comparison: 7B: FRCE 82 M, CME 45 M, 800 M trainable with LoRA;
 * 3B: FRCE 41 M, CME 22 M, 320 M.
 */
public final class PaperPresets {
  private PaperPresets() {}

  /** One module's parameter count and how many of them train. */
  public record Row(String module, long total, long trainable, String note) {}

  /** The widths that differ between the two presets. */
  private record Spec(String name, int llmDim, int llmLayers, int llmFf, int vocab, int frceDim, int cmeDim, int contextDim,
      long unet, long vae, String llm, String sd) {}

  private static final Spec B7 = new Spec("paper-7b", 4096, 32, 11008, 32000, 1024, 640, 1024, 865_910_724L, 83_653_863L,
      "LLaVA-7B (LLaMA-7B: 32 layers, width 4096, SwiGLU 11008, vocabulary 32000)", "SD 2.1 (UNet 865.9 M, VAE 83.7 M)");
  private static final Spec B3 = new Spec("paper-3b", 2560, 32, 6912, 50304, 720, 448, 768, 859_520_964L, 83_653_863L,
      "LLaVA-3B (32 layers, width 2560, SwiGLU 6912, vocabulary 50304)", "SD 1.5 (UNet 859.5 M, VAE 83.7 M)");

  public static boolean isPaper(String preset) {
    return preset.equals(B7.name()) || preset.equals(B3.name());
  }

  static long linear(long in, long out, boolean bias) {
    return in * out + (bias ? out : 0);
  }

  static long ln(long d) {
    return 2 * d;
  }

  static long attention(long d, long ctx, int loraRank) {
    long base = linear(d, d, false) * 2 + linear(ctx, d, false) * 2;
    long lora = loraRank == 0 ? 0 : 2L * loraRank * (d + d) + 2L * loraRank * (ctx + d);
    return base + lora;
  }

  static long swiglu(long d, long hidden) {
    return 3 * d * hidden;
  }

  /** A pre-norm transformer block of the kind used by FRCE and CME: LN, attention, LN, SwiGLU(2d). */
  static long block(long d, long ctx) {
    return ln(d) + attention(d, ctx, 0) + ln(d) + swiglu(d, 2 * d);
  }

  /** CLIP ViT-L/14 at 224 px: 24 layers of width 1024, MLP 4096, with biases. */
  static long clipVitL14() {
    long d = 1024;
    long layer = ln(d) + 4 * linear(d, d, true) + ln(d) + linear(d, 4 * d, true) + linear(4 * d, d, true);
    return 24 * layer + 3 * 14 * 14 * d + 257 * d + d + 2 * ln(d) + linear(d, 768, false);
  }

  public static List<Row> rows(String preset) {
    Spec s = switch (preset) {
      case "paper-7b" -> B7;
      case "paper-3b" -> B3;
      default -> throw new IllegalArgumentException("not a paper preset: " + preset);
    };
    List<Row> out = new ArrayList<>();
    long eI = clipVitL14();
    out.add(new Row("image_encoder (E_I)", eI, 0, "CLIP ViT-L/14, frozen"));
    long f = s.frceDim();
    long patch = linear(1024L * 2 * 2, f, true) + 4 * block(f, f);
    long region = linear(1024, f, true) + linear(f, f, true) + ln(f) + attention(f, f, 0);
    long id = linear(s.llmDim(), f, true) + 2 * block(f, f);
    long frce = patch + region + id;
    out.add(new Row("frce (VRCB + TRCB)", frce, frce, "patch branch 4 layers, region branch, ID controller 2 layers, width " + f));
    long ia = linear(1024, s.llmDim(), true) + linear(s.llmDim(), s.llmDim(), true);
    out.add(new Row("image_adapter (IA)", ia, ia, "2-layer MLP"));
    long d = s.llmDim();
    long r = 32;
    long layer = ln(d) / 2 + attention(d, d, 0) + ln(d) / 2 + swiglu(d, s.llmFf());
    long base = s.llmLayers() * layer + (long) s.vocab() * d * 2 + d;
    long lora = s.llmLayers() * (4L * 8 * (d + d));
    long img = 2 * r * d;
    out.add(new Row("mllm", base + lora + img, lora + img, s.llm() + "; LoRA r=8 on q/k/v/o + 32 [IMG] tokens train"));
    long q = 768;
    long qf = 6 * (ln(q) + attention(q, q, 0) + ln(q) + attention(q, d, 0) + ln(q) + swiglu(q, 2 * q)) + 77 * q + linear(q, s.contextDim(), true);
    out.add(new Row("qformer", qf, qf, "6 layers, 77 queries, width 768"));
    long c = s.cmeDim();
    long enhancer = 5 * block(c, c) + ln(c) + linear(c, c, true) + ln(c) + 77 * c;
    out.add(new Row("cme", 2 * enhancer, 2 * enhancer, "2 enhancers x 5 hybrid cross-attention blocks, width " + c));
    out.add(new Row("unet", s.unet(), s.unet(), s.sd() + ", fine-tuned"));
    out.add(new Row("vae", s.vae(), 0, "frozen"));
    return out;
  }
}
