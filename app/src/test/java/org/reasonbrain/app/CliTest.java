package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"demo", "--help"}, {"data", "--help"}, {"data", "build", "--help"},
        {"data", "check", "--help"}, {"data", "preview", "--help"}, {"train", "--help"}, {"edit", "--help"},
        {"model", "info", "--help"}, {"bench", "--help"}, {"eval", "--help"}, {"serve", "--help"}, {"model", "init", "--help"},
        {"model", "export", "--help"}, {"model", "average", "--help"}, {"model", "own-edits", "--help"}, {"tables", "--help"}}) {
      Run r = run(cmd);
      assertEquals(0, r.code(), String.join(" ", cmd));
      assertTrue(r.out().contains("Usage:"), String.join(" ", cmd));
    }
  }

  @Test
  void buildCheckAndPreviewWork(@TempDir Path tmp) throws Exception {
    Path ds = tmp.resolve("ds");
    assertEquals(0, run("data", "build", "--out", ds.toString(), "--samples", "30", "--size", "32").code());
    assertEquals(0, run("data", "check", ds.toString()).code());
    assertEquals(0, run("data", "preview", ds.toString()).code());
    assertTrue(Files.exists(ds.resolve("preview.png")));
    // A second build into the same folder is refused without --force, with a message and no stack trace.
    Run again = run("data", "build", "--out", ds.toString(), "--samples", "30");
    assertEquals(2, again.code());
    assertTrue(again.err().startsWith("error: ") && again.err().contains("--force"), again.err());
    Run badSize = run("data", "build", "--out", tmp.resolve("x").toString(), "--size", "9");
    assertEquals(2, badSize.code());
    assertTrue(badSize.err().contains("--size must be between 32 and 512"), badSize.err());
  }

  @Test
  void editWritesNothingUnlessItSucceedsAndModelInfoCounts(@TempDir Path tmp) throws Exception {
    // An untrained tiny model saved as a run folder.
    Path run = tmp.resolve("run");
    Files.createDirectories(run.resolve("checkpoint"));
    Files.writeString(run.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"reasonbrain\"}");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      var model = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.tiny());
      org.reasonbrain.core.nn.Checkpoints.save(model, run.resolve("checkpoint/model.safetensors"), java.util.Map.of());
    }
    Path img = tmp.resolve("in.png");
    org.reasonbrain.core.image.Images.writePng(img, new java.awt.image.BufferedImage(50, 40, java.awt.image.BufferedImage.TYPE_BYTE_GRAY));
    Path out = tmp.resolve("out.png");
    Run empty = run("edit", "--model", run.toString(), "--image", img.toString(), "--instruction", " ", "--out", out.toString());
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("the instruction is empty"), empty.err());
    assertTrue(!Files.exists(out));
    Files.writeString(tmp.resolve("bad.png"), "not an image");
    Run bad = run("edit", "--model", run.toString(), "--image", tmp.resolve("bad.png").toString(), "--instruction", "What if?", "--out", out.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("bad.png") && !Files.exists(out), bad.err());
    Run ok = run("edit", "--model", run.toString(), "--image", img.toString(), "--instruction", "What if the ice cube melted?",
        "--instruction", "What if the puddle dried?", "--steps", "2", "--out", out.toString());
    assertEquals(0, ok.code(), ok.err());
    // The edit comes back at the image's own size; --model-size writes the model's 64 px.
    assertEquals(50, org.reasonbrain.core.image.Images.read(out).getWidth());
    assertEquals(40, org.reasonbrain.core.image.Images.read(out).getHeight());
    Run raw = run("edit", "--model", run.toString(), "--image", img.toString(), "--instruction", "What if the ice cube melted?",
        "--steps", "1", "--model-size", "--out", out.toString());
    assertEquals(0, raw.code(), raw.err());
    assertEquals(64, org.reasonbrain.core.image.Images.read(out).getWidth());
    // Sampling options: trailing spacing and source keeping run; bad values are named, nothing is written.
    Files.delete(out);
    Run opts = run("edit", "--model", run.toString(), "--image", img.toString(), "--instruction", "What if the ice cube melted?",
        "--steps", "2", "--spacing", "trailing", "--preserve", "0.2", "--eta", "1", "--keep-pixels", "0.1", "--out", out.toString());
    assertEquals(0, opts.code(), opts.err());
    Files.delete(out);
    for (String[] wrong : new String[][] {{"--spacing", "middle"}, {"--preserve", "-1"}, {"--eta", "2"}, {"--keep-pixels", "0.7"}}) {
      Run r = run("edit", "--model", run.toString(), "--image", img.toString(), "--instruction", "What if?", "--steps", "1",
          wrong[0], wrong[1], "--out", out.toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(wrong[0].substring(2)) && !Files.exists(out), r.err());
    }
    Run info = run("model", "info", "--preset", "paper-7b");
    assertEquals(0, info.code());
    // eval of this model on a small built set writes the report files.
    Path ds = tmp.resolve("ds");
    assertEquals(0, run("data", "build", "--out", ds.toString(), "--samples", "24").code());
    Run ev = run("eval", "--model", run.toString(), "--data", ds.toString(), "--split", "test-id", "--steps", "2", "--out", tmp.resolve("report").toString());
    assertEquals(0, ev.code(), ev.err());
    assertTrue(Files.exists(tmp.resolve("report/report.md")) && Files.exists(tmp.resolve("report/gallery.html")));

    // export: F16 weights (about half the bytes), atomic, loadable; demo edits the bundled examples with it.
    Path exported = tmp.resolve("exported");
    Run notRb = run("model", "export", "--run", ds.toString(), "--out", exported.toString());
    assertEquals(2, notRb.code());
    assertTrue(notRb.err().contains("not a finished run") && !Files.exists(exported), notRb.err());
    Files.writeString(run.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"reasonbrain\"}");
    Run ex = run("model", "export", "--run", run.toString(), "--history", run.toString(), "--out", exported.toString());
    assertEquals(0, ex.code(), ex.err());
    long f32 = Files.size(run.resolve("checkpoint/model.safetensors"));
    long f16 = Files.size(exported.resolve("checkpoint/model.safetensors"));
    assertTrue(f16 < 0.55 * f32 && f16 > 0.45 * f32, f16 + " vs " + f32);
    assertTrue(Files.exists(exported.resolve("training/run/config.json")));
    // export --decoder: a decoder-stage run's decoder replaces the run's, only if its encoder is the run's own.
    Path dec = tmp.resolve("dec");
    Path alien = tmp.resolve("alien");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      var same = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.tiny());
      var w = same.vae().decoderParameters().get("decoder.conv_out.weight");
      float[] v = w.value().toFloatArray();
      java.util.Arrays.fill(v, 0.125f);
      w.assign(v);
      org.reasonbrain.core.nn.Checkpoints.save(same, dec.resolve("checkpoint/model.safetensors"), java.util.Map.of());
      Files.writeString(dec.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"decoder\"}");
      var other = new org.reasonbrain.model.ReasonBrain(m, 1, org.reasonbrain.model.ReasonBrainConfig.tiny());
      org.reasonbrain.core.nn.Checkpoints.save(other, alien.resolve("checkpoint/model.safetensors"), java.util.Map.of());
      Files.writeString(alien.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"decoder\"}");
    }
    Path swapped = tmp.resolve("swapped");
    Run refused = run("model", "export", "--run", run.toString(), "--decoder", alien.toString(), "--out", swapped.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("encoder differs") && !Files.exists(swapped), refused.err());
    Run notDec = run("model", "export", "--run", run.toString(), "--decoder", run.toString(), "--out", swapped.toString());
    assertEquals(2, notDec.code());
    assertTrue(notDec.err().contains("takes a decoder-stage run") && !Files.exists(swapped), notDec.err());
    Run sw = run("model", "export", "--run", run.toString(), "--decoder", dec.toString(), "--out", swapped.toString());
    assertEquals(0, sw.code(), sw.err());
    var swappedWeights = org.reasonbrain.core.io.Safetensors.read(swapped.resolve("checkpoint/model.safetensors")).tensors();
    var plainWeights = org.reasonbrain.core.io.Safetensors.read(exported.resolve("checkpoint/model.safetensors")).tensors();
    for (float x : swappedWeights.get("vae.decoder.conv_out.weight").toFloats()) {
      assertEquals(0.125f, x);
    }
    assertArrayEquals(plainWeights.get("vae.encoder.conv_in.weight").toFloats(), swappedWeights.get("vae.encoder.conv_in.weight").toFloats());
    // A decoder run that kept an EMA (--ema): its EMA weights go into the model, as a reasonbrain run's do.
    float[] emaConv = new float[swappedWeights.get("vae.decoder.conv_out.weight").toFloats().length];
    java.util.Arrays.fill(emaConv, 0.25f);
    org.reasonbrain.core.io.Safetensors.write(dec.resolve("checkpoint/optimizer.safetensors"),
        java.util.Map.of("ema.vae.decoder.conv_out.weight", org.reasonbrain.core.io.Safetensors.Tensor.ofFloats(emaConv,
            swappedWeights.get("vae.decoder.conv_out.weight").shape())), java.util.Map.of("step", "1"));
    Path swappedEma = tmp.resolve("swapped-ema");
    Run swe = run("model", "export", "--run", run.toString(), "--decoder", dec.toString(), "--out", swappedEma.toString());
    assertEquals(0, swe.code(), swe.err());
    var emaWeights = org.reasonbrain.core.io.Safetensors.read(swappedEma.resolve("checkpoint/model.safetensors")).tensors();
    for (float x : emaWeights.get("vae.decoder.conv_out.weight").toFloats()) {
      assertEquals(0.25f, x);
    }
    assertArrayEquals(swappedWeights.get("vae.decoder.conv_in.weight").toFloats(), emaWeights.get("vae.decoder.conv_in.weight").toFloats(),
        "a weight without an EMA entry comes from the run's weights");
    assertArrayEquals(plainWeights.get("unet.conv_out.weight").toFloats(), swappedWeights.get("unet.conv_out.weight").toFloats());
    // A decoder-stage run that grew the decoder (--decoder-blocks): the export takes its shape and records it.
    Path grownRun = tmp.resolve("grown");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      // Seed 0, as the run's own weights: the extra blocks do not change the rest of the model's initialisation.
      var grown = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.of("tiny", 1));
      var w = grown.parameters().get("vae.decoder.res3_extra.0.conv2.weight");
      float[] v = w.value().toFloatArray();
      java.util.Arrays.fill(v, 0.01f);
      w.assign(v);
      org.reasonbrain.core.nn.Checkpoints.save(grown, grownRun.resolve("checkpoint/model.safetensors"), java.util.Map.of());
      Files.writeString(grownRun.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"decoder\",\"decoderBlocks\":1}");
    }
    Path grownModel = tmp.resolve("grown-model");
    Run gx = run("model", "export", "--run", run.toString(), "--decoder", grownRun.toString(), "--out", grownModel.toString());
    assertEquals(0, gx.code(), gx.err());
    assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(grownModel.resolve("config.json").toFile()).path("decoderBlocks").asInt());
    var grownWeights = org.reasonbrain.core.io.Safetensors.read(grownModel.resolve("checkpoint/model.safetensors")).tensors();
    assertEquals(0.01f, grownWeights.get("vae.decoder.res3_extra.0.conv2.weight").toFloats()[0], 1e-4f);
    // A decoder-stage run with the source branch (--decoder-source): the export takes it, records it and loads with it.
    Path sourceRun = tmp.resolve("decoder-source");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      var cond = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.of("tiny", 1, true));
      var w = cond.parameters().get("vae.decoder.source.fuse_full.conv2.weight");
      float[] v = w.value().toFloatArray();
      java.util.Arrays.fill(v, 0.02f);
      w.assign(v);
      org.reasonbrain.core.nn.Checkpoints.save(cond, sourceRun.resolve("checkpoint/model.safetensors"), java.util.Map.of());
      Files.writeString(sourceRun.resolve("config.json"),
          "{\"preset\":\"tiny\",\"stage\":\"decoder\",\"decoderBlocks\":1,\"decoderSource\":true}");
    }
    Path sourceModel = tmp.resolve("source-model");
    Run sx = run("model", "export", "--run", run.toString(), "--decoder", sourceRun.toString(), "--out", sourceModel.toString());
    assertEquals(0, sx.code(), sx.err());
    assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sourceModel.resolve("config.json").toFile()).path("decoderSource").asBoolean());
    assertEquals(0.02f, org.reasonbrain.core.io.Safetensors.read(sourceModel.resolve("checkpoint/model.safetensors")).tensors()
        .get("vae.decoder.source.fuse_full.conv2.weight").toFloats()[0], 1e-4f);
    try (var p = org.reasonbrain.infer.EditPipeline.load(sourceModel)) {
      assertTrue(p.model().vae().hasSourceBranch());
      assertEquals(0, p.model().vae().config().sourceGate(), "no --decoder-source-gate: the branch acts everywhere");
    }
    // --decoder-source-gate: recorded and loaded; refused without a branch to gate, or not > 0; a hand-edited gate is named.
    Path gatedModel = tmp.resolve("gated-model");
    Run gs = run("model", "export", "--run", run.toString(), "--decoder", sourceRun.toString(), "--decoder-source-gate", "0.2",
        "--out", gatedModel.toString());
    assertEquals(0, gs.code(), gs.err());
    try (var p = org.reasonbrain.infer.EditPipeline.load(gatedModel)) {
      assertEquals(0.2, p.model().vae().config().sourceGate());
    }
    Path maskedModel = tmp.resolve("masked-model");
    Run em = run("model", "export", "--run", run.toString(), "--decoder", sourceRun.toString(), "--decoder-source-edit-mask", "0.5",
        "--keep-pixels", "0.15", "--out", maskedModel.toString());
    assertEquals(0, em.code(), em.err());
    try (var p = org.reasonbrain.infer.EditPipeline.load(maskedModel)) {
      assertEquals(0.5, p.sourceEditMask());
      assertEquals(0.15, p.keepPixels());
      assertEquals(0, p.model().vae().config().sourceGate());
    }
    // own-edits: the masked model's latents and edit cells of the build's single-step train samples; a decoder stage
    // with the branch learns from them (recorded), and without the branch is refused naming the option.
    Path own = tmp.resolve("own.safetensors");
    Run oe = run("model", "own-edits", "--model", maskedModel.toString(), "--data", ds.toString(), "--limit", "3", "--steps", "2",
        "--out", own.toString());
    assertEquals(0, oe.code(), oe.err());
    var ownFile = org.reasonbrain.core.io.Safetensors.read(own);
    assertArrayEquals(new long[] {3, 4, 16, 16}, ownFile.tensors().get("latents").shape());
    assertArrayEquals(new long[] {3, 1, 16, 16}, ownFile.tensors().get("edit_cells").shape());
    Run noSplit = run("model", "own-edits", "--model", maskedModel.toString(), "--data", ds.toString(), "--split", "nope",
        "--out", tmp.resolve("own-none.safetensors").toString());
    assertEquals(2, noSplit.code());
    assertTrue(noSplit.err().contains("'nope'") && !Files.exists(tmp.resolve("own-none.safetensors")), noSplit.err());
    Path ownRun = tmp.resolve("own-run");
    Run ot = run("train", "--stage", "decoder", "--data", ds.toString(), "--out", ownRun.toString(), "--init", maskedModel.toString(),
        "--decoder-blocks", "1", "--decoder-source", "--own-edits", own.toString(), "--steps", "1", "--batch", "2");
    assertEquals(0, ot.code(), ot.err());
    assertEquals(own.toAbsolutePath().toString(),
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(ownRun.resolve("config.json").toFile()).path("ownEdits").asText());
    // A reasonbrain stage continued from a model whose decoder reads the source keeps the branch (frozen, as the whole
    // autoencoder); its export takes the branch's edit mask from the export's option.
    Path rbBranch = tmp.resolve("rb-branch");
    Run rbb = run("train", "--stage", "reasonbrain", "--data", ds.toString(), "--out", rbBranch.toString(), "--init", maskedModel.toString(),
        "--decoder-blocks", "1", "--decoder-source", "--steps", "1", "--batch", "2");
    assertEquals(0, rbb.code(), rbb.err());
    Path rbBranchModel = tmp.resolve("rb-branch-model");
    Run rbe = run("model", "export", "--run", rbBranch.toString(), "--decoder-source-edit-mask", "0.6", "--out", rbBranchModel.toString());
    assertEquals(0, rbe.code(), rbe.err());
    try (var p = org.reasonbrain.infer.EditPipeline.load(rbBranchModel)) {
      assertEquals(0.6, p.sourceEditMask());
      assertTrue(p.model().vae().hasSourceBranch());
    }
    assertEquals(0.02f, org.reasonbrain.core.io.Safetensors.read(rbBranchModel.resolve("checkpoint/model.safetensors")).tensors()
        .get("vae.decoder.source.fuse_full.conv2.weight").toFloats()[0], 1e-4f, "the branch's weights are the init model's");
    Run ownNoBranch = run("train", "--stage", "decoder", "--data", ds.toString(), "--out", tmp.resolve("own-nobranch").toString(),
        "--own-edits", own.toString(), "--steps", "1", "--batch", "2");
    assertEquals(2, ownNoBranch.code());
    assertTrue(ownNoBranch.err().contains("--decoder-source"), ownNoBranch.err());
    Run wideMask = run("model", "export", "--run", run.toString(), "--decoder", sourceRun.toString(), "--decoder-source-edit-mask", "1",
        "--out", tmp.resolve("mask-one").toString());
    assertEquals(2, wideMask.code());
    assertTrue(wideMask.err().contains("between 0 and 1"), wideMask.err());
    Run wideKeep = run("model", "export", "--run", run.toString(), "--keep-pixels", "0.9", "--out", tmp.resolve("keep-wide").toString());
    assertEquals(2, wideKeep.code());
    assertTrue(wideKeep.err().contains("--keep-pixels") && !Files.exists(tmp.resolve("keep-wide")), wideKeep.err());
    Run noBranch = run("model", "export", "--run", run.toString(), "--decoder", grownRun.toString(), "--decoder-source-gate", "0.2",
        "--out", tmp.resolve("gate-no-branch").toString());
    assertEquals(2, noBranch.code());
    assertTrue(noBranch.err().contains("--decoder-source"), noBranch.err());
    Run zeroGate = run("model", "export", "--run", run.toString(), "--decoder", sourceRun.toString(), "--decoder-source-gate", "0",
        "--out", tmp.resolve("gate-zero").toString());
    assertEquals(2, zeroGate.code());
    assertTrue(zeroGate.err().contains("> 0"), zeroGate.err());
    Path cfgFile = gatedModel.resolve("config.json");
    Files.writeString(cfgFile, Files.readString(cfgFile).replaceAll("\"decoderSourceGate\"\\s*:\\s*0\\.2", "\"decoderSourceGate\": \"wide\""));
    var badGate = assertThrows(java.io.IOException.class, () -> org.reasonbrain.infer.EditPipeline.load(gatedModel));
    assertTrue(badGate.getMessage().contains("decoderSourceGate"), badGate.getMessage());
    // export --autoencoder: an autoencoder-stage run's encoder and decoder both replace the run's; the rest stays.
    Path aeRun = tmp.resolve("ae");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      var ae = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.of("tiny", 1));
      for (String name : java.util.List.of("vae.encoder.conv_in.weight", "vae.decoder.conv_out.weight", "unet.conv_out.weight")) {
        var w = ae.parameters().get(name);
        float[] v = w.value().toFloatArray();
        java.util.Arrays.fill(v, 0.375f);
        w.assign(v);
      }
      org.reasonbrain.core.nn.Checkpoints.save(ae, aeRun.resolve("checkpoint/model.safetensors"), java.util.Map.of());
      Files.writeString(aeRun.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"autoencoder\",\"decoderBlocks\":1}");
    }
    Path aeModel = tmp.resolve("ae-model");
    Run both = run("model", "export", "--run", run.toString(), "--decoder", dec.toString(), "--autoencoder", aeRun.toString(), "--out", aeModel.toString());
    assertEquals(2, both.code());
    assertTrue(both.err().contains("give one") && !Files.exists(aeModel), both.err());
    Run notAe = run("model", "export", "--run", run.toString(), "--autoencoder", dec.toString(), "--out", aeModel.toString());
    assertEquals(2, notAe.code());
    assertTrue(notAe.err().contains("takes an autoencoder-stage run") && !Files.exists(aeModel), notAe.err());
    Run ax = run("model", "export", "--run", run.toString(), "--autoencoder", aeRun.toString(), "--out", aeModel.toString());
    assertEquals(0, ax.code(), ax.err());
    var aeWeights = org.reasonbrain.core.io.Safetensors.read(aeModel.resolve("checkpoint/model.safetensors")).tensors();
    assertEquals(0.375f, aeWeights.get("vae.encoder.conv_in.weight").toFloats()[0]);
    assertEquals(0.375f, aeWeights.get("vae.decoder.conv_out.weight").toFloats()[0]);
    assertArrayEquals(plainWeights.get("unet.conv_out.weight").toFloats(), aeWeights.get("unet.conv_out.weight").toFloats(),
        "only the autoencoder comes from the autoencoder run");
    assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(aeModel.resolve("config.json").toFile()).path("decoderBlocks").asInt());
    Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples");
    Run grownDemo = run("demo", "--model", grownModel.toString(), "--examples", examples.toString(), "--steps", "2", "--out", tmp.resolve("grown-demo").toString());
    assertEquals(0, grownDemo.code(), grownDemo.err());
    Run demo = run("demo", "--model", exported.toString(), "--examples", examples.toString(), "--steps", "2", "--out", tmp.resolve("demo").toString());
    assertEquals(0, demo.code(), demo.err());
    assertTrue(Files.readString(tmp.resolve("demo/demo.html")).contains("hypothetical instruction"));
    assertTrue(Files.size(tmp.resolve("demo/demo.png")) > 1000 && Files.exists(tmp.resolve("demo/melt-edit.png")));
    Files.writeString(tmp.resolve("examples.json"), "[{\"name\": \"x\", \"file\": \"x.png\"}]");
    Run badList = run("demo", "--model", exported.toString(), "--examples", tmp.toString(), "--out", tmp.resolve("demo2").toString());
    assertEquals(2, badList.code());
    assertTrue(badList.err().contains("entry 1 has no 'instruction'"), badList.err());
  }

  /** The committed default model scores a small fixed ReasonWorld set (seed 1) with every metric it has. */
  @Test
  void theCommittedDefaultModelEvaluates(@TempDir Path tmp) throws Exception {
    Path model = Path.of("").toAbsolutePath().getParent().resolve("models/default");
    assertTrue(Files.isRegularFile(model.resolve("checkpoint/model.safetensors")), "models/default is committed");
    assertTrue(Files.isRegularFile(model.resolve("clip.safetensors")), "the contrastive encoder ships with it");
    Path ds = tmp.resolve("ds");
    assertEquals(0, run("data", "build", "--out", ds.toString(), "--samples", "60", "--seed", "1").code());
    Run ev = run("eval", "--model", model.toString(), "--data", ds.toString(), "--split", "test-id", "--split", "test-multistep",
        "--limit", "4", "--steps", "10", "--out", tmp.resolve("report").toString());
    assertEquals(0, ev.code(), ev.err());
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("report/report.json").toFile());
    var total = report.path("by_category").path("total");
    for (String metric : new String[] {"accuracy_lenient", "id_ssim", "clip_score", "clip_dir", "clip_im", "dino"}) {
      assertTrue(total.path(metric).isNumber(), metric + " is a number: " + total);
    }
    assertTrue(total.path("accuracy_lenient").asDouble() >= 0 && total.path("accuracy_lenient").asDouble() <= 1);
    double dino = total.path("dino").asDouble();
    assertTrue(dino >= -1 && dino <= 1, "a cosine: " + dino);
    // The autoencoder ceiling: reconstructions of the true targets are judged right more often than the
    // shipped model's edits, and look more like their targets to the DINO-style embedder.
    Run oracle = run("eval", "--model", model.toString(), "--data", ds.toString(), "--split", "test-id", "--split", "test-multistep",
        "--limit", "4", "--oracle-vae", "--out", tmp.resolve("oracle").toString());
    assertEquals(0, oracle.code(), oracle.err());
    var o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("oracle/report.json").toFile());
    var ot = o.path("by_category").path("total");
    assertTrue(ot.path("accuracy_lenient").asDouble() >= total.path("accuracy_lenient").asDouble(),
        ot.path("accuracy_lenient") + " vs " + total.path("accuracy_lenient"));
    assertTrue(ot.path("dino").asDouble() > dino, ot.path("dino") + " vs " + dino);
    assertEquals("true", o.path("meta").path("oracle_vae").asText());
  }

  @Test
  void checkNamesTheBadLineAndExitsNonZero(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("manifest.jsonl"), "{\"id\":\"a\"}\n");
    CommandLine cl = Main.commandLine();
    var errBuf = new java.io.ByteArrayOutputStream();
    var saved = System.err;
    System.setErr(new java.io.PrintStream(errBuf, true));
    int code;
    try {
      code = cl.execute("data", "check", tmp.toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals(1, code);
    assertTrue(errBuf.toString().contains("manifest.jsonl line 1, field 'split': missing required field 'split'"), errBuf.toString());
  }

  @Test
  void theReadmesParameterTableIsWhatModelInfoPrints() throws Exception {
    Path readme = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    String text = Files.readString(readme);
    int at = text.indexOf("<!-- model-info:tiny -->");
    assertTrue(at >= 0, "README has no model-info block");
    int from = text.indexOf("```\n", at) + 4;
    int to = text.indexOf("```", from);
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, run("model", "info", "--preset", "tiny").code());
    } finally {
      System.setOut(saved);
    }
    String printed = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (String line : text.substring(from, to).split("\n")) {
      assertTrue(printed.contains(line.strip()), "README line not printed by model info: " + line + "\n" + printed);
    }
  }
}
