package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.core.text.NounChunker;
import org.reasonbrain.data.pipeline.EditRegion;
import org.reasonbrain.data.pipeline.HybridScorer;
import org.reasonbrain.data.pipeline.RenderedSourceGenerator;
import org.reasonbrain.data.pipeline.SourceGenerator;
import org.reasonbrain.data.pipeline.TopNSelector;
import org.reasonbrain.data.text.ChatRewriter;
import org.reasonbrain.data.text.GrammarRewriter;
import org.reasonbrain.data.text.HypotheticalRewriter;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.text.Phrasing;
import org.reasonbrain.data.text.Templates;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Renderer;

class PipelineStagesTest {

  @Test
  void openNlpExtractsTheNounsOfInitialInstructions() {
    NounChunker x = NounChunker.get();
    assertEquals(List.of("ice cube", "puddle"), x.nounChunks("make the ice cube melt into a puddle"));
    assertEquals(List.of("paper clips", "magnet"), x.nounChunks("put the paper clips onto the magnet"));
    assertEquals(List.of("lamp", "switch"), x.nounChunks("turn on the lamp that is wired to the switch"));
    assertTrue(x.nounChunks("fill the glass under the tap with water").containsAll(List.of("glass", "tap", "water")));
  }

  private static HypotheticalRewriter.Request melt(Phrasing p) {
    return new HypotheticalRewriter.Request("make the ice cube melt into a puddle",
        List.of("{a} was left in the sun", "{a} sat out in the hot sun for an hour"), Map.of("a", "ice cube"), p);
  }

  @Test
  void grammarUsesHeldOutMaterialOnlyWhenAsked() {
    GrammarRewriter g = new GrammarRewriter();
    Random r = new Random(5);
    String heldSyn = Lexicon.heldOut("ice cube");
    for (int i = 0; i < 300; i++) {
      String seen = g.rewrite(melt(Phrasing.SEEN), r);
      assertTrue(!seen.contains(heldSyn) && Templates.heldOut().stream().noneMatch(t -> seen.startsWith(t.substring(0, t.indexOf("{E}")))), seen);
      String held = g.rewrite(melt(Phrasing.HELD_OUT), r);
      assertTrue(held.contains(heldSyn) || Templates.heldOut().stream().anyMatch(t -> held.startsWith(t.substring(0, t.indexOf("{E}")))), held);
    }
  }

  @Test
  void hybridScoringSelectsTheFaithfulCandidateInEveryFamily() {
    Renderer renderer = new Renderer(64);
    RenderedSourceGenerator gen = new RenderedSourceGenerator(renderer);
    for (Family f : Families.all()) {
      for (long seed = 0; seed < 3; seed++) {
        Random r = new Random(seed);
        Episode ep = f.episode(r, f.subjects().get(0), 1);
        Step st = ep.steps().get(0);
        List<String> extracted = NounChunker.get().nounChunks(st.initialInstruction());
        boolean[] preserve = EditRegion.outside(EditRegion.of(renderer, ep.source(), st.target(), st.changed(), st.backgroundChanged()));
        float[] target = Images.toFloatHwc(renderer.render(st.target()));
        List<SourceGenerator.Candidate> cands = gen.generate(ep.source(), extracted, st.changed(), 4, r);
        HybridScorer scorer = new HybridScorer(renderer, null);
        List<TopNSelector.Scored> scored = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
          scored.add(new TopNSelector.Scored(cands.get(i), scorer.score(cands.get(i), target, st.target(), ep.source(),
              preserve, st.changed(), extracted, st.initialInstruction()), i));
        }
        List<TopNSelector.Scored> best = TopNSelector.select(scored, 2);
        assertEquals(RenderedSourceGenerator.FAITHFUL, best.get(0).candidate().defect(), f.name() + " " + best);
        assertTrue(best.get(0).score().total() > best.get(1).score().total(), f.name() + ": no margin " + best);
      }
    }
  }

  @Test
  void chatRewriterTalksToAnOpenAiCompatibleEndpoint() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = new ArrayList<>();
    server.createContext("/v1/chat/completions", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\" What if the ice cube sat in the sun? \"}}]}"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      ChatRewriter c = new ChatRewriter("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "test-model", null);
      assertEquals("What if the ice cube sat in the sun?", c.rewrite(melt(Phrasing.SEEN), new Random(1)));
      assertTrue(bodies.get(0).contains("\"model\":\"test-model\"") && bodies.get(0).contains("make the ice cube melt"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void lexiconCoversEverySlotOfEveryFamily() {
    for (Family f : Families.all()) {
      for (Kind k : f.subjects()) {
        Episode ep = f.episode(new Random(3), k, 1);
        for (String key : ep.referencedObjects()) {
          assertTrue(!Lexicon.synonyms(key).isEmpty(), key);
        }
      }
    }
  }
}
