package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoresTest {
  /** A fake encoder with known vectors: images by their top-left pixel, texts by a table. */
  static final ImageTextEncoder FAKE = new ImageTextEncoder() {
    @Override
    public float[] image(BufferedImage img) {
      return (img.getRGB(0, 0) & 0xFFFFFF) == 0 ? new float[] {1, 0, 0} : new float[] {1, 1, 0};
    }

    @Override
    public float[] text(String t) {
      return Map.of("in", new float[] {1, 0, 0}, "out", new float[] {0, 1, 0}).get(t);
    }
  };

  /** A fake encoder for any text: a hash-seeded vector. */
  static final ImageTextEncoder FAKE_ANY = new ImageTextEncoder() {
    @Override
    public float[] image(BufferedImage img) {
      return new float[] {img.getRGB(0, 0) & 255, 1, 2};
    }

    @Override
    public float[] text(String t) {
      return new float[] {t.length() % 7, 1, t.hashCode() % 5};
    }
  };

  @Test
  void clipFamilyOnKnownVectors() {
    BufferedImage black = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    BufferedImage white = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    white.setRGB(0, 0, 0xFFFFFF);
    ClipScores.Scores s = ClipScores.score(FAKE, black, white, "in", "out");
    assertEquals(1 / Math.sqrt(2), s.clipOut(), 1e-9);      // (1,1,0) vs (0,1,0)
    assertEquals(1 / Math.sqrt(2), s.clipIm(), 1e-9);       // (1,1,0) vs (1,0,0)
    // Direction: edit - source = (0,1,0); out - in = (-1,1,0).
    assertEquals(1 / Math.sqrt(2), s.clipDir(), 1e-9);
    ClipScores.Scores none = ClipScores.score(FAKE, black, black, "in", "out");
    assertEquals(1.0, none.clipIm(), 1e-9);
    assertEquals(0.0, none.clipDir(), 1e-9);
  }

  @Test
  void mllmJudgeSpeaksTheOpenAiChatShape() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = new ArrayList<>();
    String[] answer = {"1"};
    server.createContext("/v1/chat/completions", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = ("{\"choices\":[{\"message\":{\"content\":\"" + answer[0] + "\"}}]}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      MllmJudge j = new MllmJudge("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "judge-model", null);
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      assertEquals(1, j.judge(img, "an ice cube", "What if it was left in the sun?", "a puddle"));
      answer[0] = "0";
      assertEquals(0, j.judge(img, "a", "b", "c"));
      answer[0] = "maybe";
      assertThrows(IllegalStateException.class, () -> j.judge(img, "a", "b", "c"));
      assertTrue(bodies.get(0).contains("Please evaluate if the given edited image has been successfully edited"));
      assertTrue(bodies.get(0).contains("data:image/png;base64,"));
      assertTrue(bodies.get(0).contains("\"model\":\"judge-model\""));
    } finally {
      server.stop(0);
    }
  }
}
