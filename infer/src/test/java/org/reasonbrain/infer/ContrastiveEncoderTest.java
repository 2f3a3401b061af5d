package org.reasonbrain.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.ClipHead;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

/** Export of a clip-stage run to one F16 file, strict loading, normalised and deterministic embeddings. */
class ContrastiveEncoderTest {
  private static BufferedImage square(Color c) {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(16, 16, 32, 32);
    g.dispose();
    return img;
  }

  private static double norm(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    return Math.sqrt(n);
  }

  @Test
  void exportLoadAndEmbed(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("clip-run");
    Files.createDirectories(run.resolve("checkpoint"));
    ReasonBrainConfig c = ReasonBrainConfig.tiny();
    try (NDManager m = NDManager.newBaseManager()) {
      Checkpoints.save(new ReasonBrain(m, 3, c), run.resolve("checkpoint/model.safetensors"), Map.of());
      Checkpoints.save(new ClipHead(m, new Random(4), c.textDim(), c.image().dim()), run.resolve("checkpoint/clip_head.safetensors"), Map.of());
    }
    Path file = tmp.resolve(ContrastiveEncoder.FILE);
    ContrastiveEncoder.export(run, file, true);
    Safetensors.Contents saved = Safetensors.read(file);
    assertTrue(saved.tensors().keySet().stream().allMatch(k -> k.startsWith("image_encoder.") || k.startsWith("clip_head.")));
    assertTrue(saved.tensors().values().stream().allMatch(t -> t.dtype() == Safetensors.DType.F16));
    try (MiniLmTextEncoder text = new MiniLmTextEncoder(); ContrastiveEncoder enc = ContrastiveEncoder.load(file, "tiny", text)) {
      float[] red = enc.image(square(Color.RED));
      assertEquals(c.image().dim(), red.length);
      assertEquals(1.0, norm(red), 1e-4);
      assertArrayEquals(red, enc.image(square(Color.RED)), 0f);
      assertNotEquals(java.util.Arrays.toString(red), java.util.Arrays.toString(enc.image(square(Color.BLUE))));
      float[] t = enc.text("a picture of an ice cube");
      assertEquals(c.image().dim(), t.length);
      assertEquals(1.0, norm(t), 1e-4);
    }
    // Not a clip run: the message names the folder.
    assertTrue(assertThrows(java.io.IOException.class, () -> ContrastiveEncoder.export(tmp, tmp.resolve("x"), true))
        .getMessage().contains("clip-stage run"));
    // A file missing a tensor is refused by name.
    Safetensors.Contents c2 = Safetensors.read(file);
    Map<String, Safetensors.Tensor> fewer = new java.util.LinkedHashMap<>(c2.tensors());
    fewer.remove("clip_head.logit_scale");
    Safetensors.write(tmp.resolve("bad.safetensors"), fewer, Map.of());
    try (MiniLmTextEncoder text = new MiniLmTextEncoder()) {
      assertTrue(assertThrows(java.io.IOException.class, () -> ContrastiveEncoder.load(tmp.resolve("bad.safetensors"), "tiny", text))
          .getMessage().contains("clip_head.logit_scale"));
    }
  }
}
