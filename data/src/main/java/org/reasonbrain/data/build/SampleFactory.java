package org.reasonbrain.data.build;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.families.Distractor;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.Rivals;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.data.families.TakeAway;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.core.text.NounChunker;
import org.reasonbrain.data.pipeline.EditRegion;
import org.reasonbrain.data.pipeline.HybridScorer;
import org.reasonbrain.data.pipeline.RenderedSourceGenerator;
import org.reasonbrain.data.pipeline.SourceGenerator;
import org.reasonbrain.data.pipeline.TopNSelector;
import org.reasonbrain.data.text.GrammarRewriter;
import org.reasonbrain.data.text.HypotheticalRewriter;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.text.Phrasing;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * Makes one sample by running the construction pipeline of Fig. 3 on it: (a) target scene and initial
 * instruction, (b) hypothetical rewrite, (c) candidate objects from the initial instruction,
 * (d) candidate source images, (e) hybrid scoring, (f) top-1 selection. A pure function of
 * (settings, index): no state is shared between samples.
 */
public final class SampleFactory {
  /** Sets of candidate sources drawn at most before a sample is given up as unscorable. */
  static final int CANDIDATE_ROUNDS = 8;

  private final BuildSettings settings;
  private final SplitPlan plan;
  private final Renderer renderer;
  private final HypotheticalRewriter rewriter;
  private final SourceGenerator generator;

  public SampleFactory(BuildSettings settings, HypotheticalRewriter rewriter) {
    this.settings = settings;
    this.plan = new SplitPlan(settings.samples(), settings.seed());
    this.renderer = new Renderer(settings.size());
    this.rewriter = rewriter == null ? new GrammarRewriter() : rewriter;
    this.generator = new RenderedSourceGenerator(renderer);
  }

  public SplitPlan plan() {
    return plan;
  }

  /** What one sample is, before anything is written. */
  public record Spec(int index, Split split, Category category, Family family, Kind subject, int steps) {}

  /** Chooses family, subject and chain length for an index. */
  public Spec spec(int index) {
    if (inSet(index)) {
      CounterfactualSets.SetScene set = setScene(plan.setBase(index));
      Episode ep = set.episode();
      return new Spec(index, plan.splitOf(index), ep.family().category(), ep.family(), ep.subject(), 1);
    }
    Split split = plan.splitOf(index);
    Random r = rng(index, 1);
    List<Family> pool;
    Category category = plan.categoryOf(index);
    if (split == Split.TEST_MULTISTEP) {
      pool = Families.chainable();
    } else if (split == Split.TEST_COMPOSITION) {
      pool = Families.of(category).stream().filter(Family::hasHeldOutSubject).toList();
    } else {
      pool = Families.of(category);
    }
    Family f = pool.get(r.nextInt(pool.size()));
    Kind subject = split == Split.TEST_COMPOSITION ? f.heldOutSubject()
        : f.seenSubjects().get(r.nextInt(f.seenSubjects().size()));
    // Extra seen subjects draw only when asked for, so a standard build's random stream is untouched.
    if (split != Split.TEST_COMPOSITION && settings.extraSubjects() > 0 && !f.extraSubjects().isEmpty()
        && r.nextDouble() < settings.extraSubjects()) {
      subject = f.extraSubjects().get(r.nextInt(f.extraSubjects().size()));
    }
    // Shape-free subjects likewise draw only when asked for.
    if (split != Split.TEST_COMPOSITION && settings.randomShapes() > 0 && f.shapeFreeSubject() != null
        && r.nextDouble() < settings.randomShapes()) {
      subject = f.shapeFreeSubject();
    }
    int steps = split == Split.TEST_MULTISTEP ? 2 + r.nextInt(Math.min(2, f.maxSteps() - 1)) : 1;
    // Take-away samples replace a share of the train and val samples, from a stream of their own, so the rest of
    // the build is the one it would be without them.
    if ((split == Split.TRAIN || split == Split.VAL) && settings.takeAway() > 0) {
      Random rt = rng(index, 5);
      if (rt.nextDouble() < settings.takeAway()) {
        List<TakeAway> hosts = TakeAway.all();
        f = hosts.get(rt.nextInt(hosts.size()));
        subject = f.subjects().get(rt.nextInt(f.subjects().size()));
        steps = 1;
      }
    }
    return new Spec(index, split, f.category(), f, subject, steps);
  }

  /** Where a sample's files go: a file path relative to the dataset root and its bytes. */
  @FunctionalInterface
  public interface Sink {
    void write(String relativePath, byte[] bytes) throws IOException;
  }

  /** A sink writing under a local folder. */
  public static Sink folder(Path root) {
    return (rel, bytes) -> {
      Path f = root.resolve(rel);
      Files.createDirectories(f.getParent());
      Files.write(f, bytes);
    };
  }

  /** Builds sample {@code index} and writes its images under {@code root}; returns its manifest line. */
  public Sample make(int index, Path root) throws IOException {
    return make(index, folder(root));
  }

  /**
   * Builds sample {@code index}, handing each of its files to {@code sink} (the local build writes them to a
   * folder, the Spark build through Hadoop's FileSystem); returns its manifest line. The bytes depend only on
   * the settings and the index.
   */
  public Sample make(int index, Sink sink) throws IOException {
    if (inSet(index)) {
      return makeMember(index, sink);
    }
    Spec spec = spec(index);
    Random r = rng(index, 2);
    String id = String.format("rw%06d", index);
    String dir = String.format("images/%03d/", index / 1000);

    // (a) The target scene(s) and the explicit initial instruction.
    Episode ep = episode(spec, r);
    Step first = ep.steps().get(0);
    Step last = ep.steps().get(ep.steps().size() - 1);

    // (b) Hypothetical rewrite of every step's instruction.
    Phrasing phrasing = spec.split() == Split.TEST_PHRASING ? Phrasing.HELD_OUT : Phrasing.SEEN;
    List<String> hypothetical = new ArrayList<>();
    for (Step s : ep.steps()) {
      hypothetical.add(rewriter.rewrite(new HypotheticalRewriter.Request(s.initialInstruction(), s.clauses(), s.slots(), phrasing), r));
    }

    // Generic nouns: a share of the single-step train samples without a rival no longer name their subject, from a
    // stream of their own so every other sample is the standard one. Never a take-away sample: its rule acts on any
    // object, so only the noun says which.
    if (spec.split() == Split.TRAIN && settings.genericNouns() > 0 && ep.steps().size() == 1
        && !ep.source().has(Rivals.ID) && !(ep.family() instanceof TakeAway)
        && rng(index, 7).nextDouble() < settings.genericNouns()) {
      hypothetical.set(0, Lexicon.generic(hypothetical.get(0), ep.subject().noun()));
    }

    // (c) Candidate objects from the initial instruction (noun chunks).
    List<String> extracted = NounChunker.get().nounChunks(first.initialInstruction());

    // (d) Candidate sources for the first target, (e) hybrid scores, (f) the best one.
    BufferedImage firstTarget = renderer.render(first.target());
    boolean[] firstRegion = EditRegion.of(renderer, ep.source(), first.target(), first.changed(), first.backgroundChanged());
    BufferedImage source = chooseSource(id, ep, first, firstTarget, firstRegion, extracted, r);

    // Write the source, its instance masks, every step's target and edit mask.
    String src = dir + id + "_source.png";
    List<Sample.MaskRef> masks = writeSource(sink, src, dir, id, ep.source(), source);
    List<Sample.StepRef> steps = new ArrayList<>();
    String finalTarget = null;
    String finalMask = null;
    for (int k = 0; k < ep.steps().size(); k++) {
      Step s = ep.steps().get(k);
      boolean[] region = k == 0 ? firstRegion : EditRegion.of(renderer, ep.before(k), s.target(), s.changed(), s.backgroundChanged());
      String suffix = ep.steps().size() == 1 ? "" : "_step" + (k + 1);
      String t = dir + id + suffix + "_target.png";
      String m = dir + id + suffix + "_edit.png";
      sink.write(t, Images.pngBytes(k == 0 ? firstTarget : renderer.render(s.target())));
      sink.write(m, Images.pngBytes(Images.maskImage(region, settings.size(), settings.size())));
      steps.add(new Sample.StepRef(hypothetical.get(k), s.initialInstruction(), t, m));
      finalTarget = t;
      finalMask = m;
    }

    // Distractors of the last step, for the judge.
    List<Sample.DistractorRef> ds = new ArrayList<>();
    if (spec.split().evaluated()) {
      for (int j = 0; j < last.distractors().size(); j++) {
        Distractor d = last.distractors().get(j);
        String p = dir + id + "_distractor" + j + ".png";
        sink.write(p, Images.pngBytes(renderer.render(d.scene())));
        ds.add(new Sample.DistractorRef(p, d.reason()));
      }
      // A chain's wrong outcomes also include doing nothing and stopping early (the last step's own
      // no-change distractor is the state after step n - 1): without them a 3-step chain's distractors
      // were all far from the source, and an unchanged image was judged right about half the time.
      if (ep.steps().size() > 1) {
        ds.add(new Sample.DistractorRef(src, "chain-not-started"));
        for (int k = 0; k < steps.size() - 2; k++) {
          ds.add(new Sample.DistractorRef(steps.get(k).target(), "chain-stopped-after-step-" + (k + 1)));
        }
      }
    }
    return new Sample(id, spec.split().label(), spec.category().label(), spec.family().name(), src, finalTarget,
        hypothetical.get(0), first.initialInstruction(), ep.referencedObjects(), masks, finalMask, ds,
        ep.steps().size() > 1 ? steps : List.of());
  }

  /**
   * Stages (d)-(f) for an episode's first step: candidate sources, hybrid scores, the best one. A scene where the
   * scores cannot tell a defect from the faithful render (a drifted object in a scene whose whole background the edit
   * changes, so little is left to compare) draws a new set of candidates, as a generator would be asked again; the
   * first set is kept whenever it works, so such a retry never changes a sample that did not need it.
   */
  private BufferedImage chooseSource(String id, Episode ep, Step first, BufferedImage firstTarget, boolean[] firstRegion,
      List<String> extracted, Random r) {
    boolean[] preserve = EditRegion.outside(firstRegion);
    float[] targetPx = Images.toFloatHwc(firstTarget);
    HybridScorer scorer = new HybridScorer(renderer, null);
    for (int round = 0; round < CANDIDATE_ROUNDS; round++) {
      List<SourceGenerator.Candidate> cands = generator.generate(ep.source(), extracted, first.changed(), settings.candidates(), r);
      List<TopNSelector.Scored> scored = new ArrayList<>();
      for (int i = 0; i < cands.size(); i++) {
        scored.add(new TopNSelector.Scored(cands.get(i), scorer.score(cands.get(i), targetPx, first.target(), ep.source(), preserve,
            first.changed(), extracted, first.initialInstruction()), i));
      }
      SourceGenerator.Candidate best = TopNSelector.select(scored, 1).get(0).candidate();
      if (RenderedSourceGenerator.FAITHFUL.equals(best.defect())) {
        return best.image();
      }
    }
    throw new IllegalStateException(id + ": hybrid scoring chose a defective candidate in " + CANDIDATE_ROUNDS
        + " rounds of candidates");
  }

  /** Writes the source and its instance masks under {@code dir + id}; returns the masks' references. */
  private List<Sample.MaskRef> writeSource(Sink sink, String src, String dir, String id, Scene scene, BufferedImage source)
      throws IOException {
    sink.write(src, Images.pngBytes(source));
    List<Sample.MaskRef> masks = new ArrayList<>();
    List<boolean[]> inst = renderer.instanceMasks(scene);
    for (int i = 0; i < inst.size(); i++) {
      SceneObject o = scene.objects().get(i);
      String p = dir + id + "_mask" + i + ".png";
      sink.write(p, Images.pngBytes(Images.maskImage(inst.get(i), settings.size(), settings.size())));
      masks.add(new Sample.MaskRef(o.kind().noun(), p));
    }
    return masks;
  }

  /** True when {@code index} is a row of a counterfactual set (test-counterfactual, or the train/val share asked for). */
  public boolean inSet(int index) {
    Split split = plan.splitOf(index);
    if (split == Split.TEST_COUNTERFACTUAL) {
      return true;
    }
    if ((split != Split.TRAIN && split != Split.VAL) || settings.counterfactual() <= 0 || !plan.wholeBlock(index)) {
      return false;
    }
    return rng(plan.setBase(index), 8).nextDouble() < settings.counterfactual();
  }

  /** The scene of the set whose first row is {@code base}: the same for every member. */
  private CounterfactualSets.SetScene setScene(int base) {
    boolean extras = plan.splitOf(base) != Split.TEST_COUNTERFACTUAL && settings.extraSubjects() > 0;
    return CounterfactualSets.scene(plan.categoryOf(base), extras, rng(base, 9), this::clearOfHost);
  }

  /**
   * One row of a counterfactual set: the set's scene and source picture (chosen from the set's own streams, so every
   * member shows the same bytes), this member's instruction, target, edit mask and wrong outcomes.
   */
  private Sample makeMember(int index, Sink sink) throws IOException {
    int base = plan.setBase(index);
    String kind = Sample.MEMBERS.get(index - base);
    Split split = plan.splitOf(index);
    String id = String.format("rw%06d", index);
    String dir = String.format("images/%03d/", index / 1000);
    // Each member redraws its set's scene and source from the set's own streams (four times per set): a sample stays a
    // pure function of (settings, index), as the local and the Spark builds need.
    CounterfactualSets.SetScene set = setScene(base);
    Episode ep = set.episode();
    Step host = set.hostStep();
    CounterfactualSets.Member m = CounterfactualSets.member(set, kind, rewriter, Phrasing.SEEN, rng(index, 2));

    // The shared source: stages (c)-(f) on the host's step, from the set's stream.
    List<String> extracted = NounChunker.get().nounChunks(host.initialInstruction());
    BufferedImage hostTarget = renderer.render(host.target());
    boolean[] hostRegion = EditRegion.of(renderer, ep.source(), host.target(), host.changed(), host.backgroundChanged());
    BufferedImage source = chooseSource(id, ep, host, hostTarget, hostRegion, extracted, rng(base, 11));

    String src = dir + id + "_source.png";
    List<Sample.MaskRef> masks = writeSource(sink, src, dir, id, ep.source(), source);
    String t = dir + id + "_target.png";
    String mk = dir + id + "_edit.png";
    boolean[] region = EditRegion.of(renderer, ep.source(), m.target(), m.changed(), m.backgroundChanged());
    // The null and absent members' truth is the source picture itself, byte for byte.
    sink.write(t, m.target() == ep.source() ? Images.pngBytes(source) : Images.pngBytes(renderer.render(m.target())));
    sink.write(mk, Images.pngBytes(Images.maskImage(region, settings.size(), settings.size())));
    List<Sample.DistractorRef> ds = new ArrayList<>();
    if (split.evaluated()) {
      for (int j = 0; j < m.distractors().size(); j++) {
        Distractor d = m.distractors().get(j);
        String p = dir + id + "_distractor" + j + ".png";
        sink.write(p, d.scene() == ep.source() ? Images.pngBytes(source) : Images.pngBytes(renderer.render(d.scene())));
        ds.add(new Sample.DistractorRef(p, d.reason()));
      }
    }
    return new Sample(id, split.label(), m.category().label(), m.family().name(), src, t, m.instruction(),
        m.initialInstruction(), m.objects(), masks, mk, ds, List.of(), String.format("set%06d", base), kind);
  }

  /** The episode of an index (for tests and previews), built exactly as {@link #make} builds it. */
  public Episode episode(int index) {
    if (inSet(index)) {
      return setScene(plan.setBase(index)).episode();
    }
    return episode(spec(index), rng(index, 2));
  }

  /**
   * The family's episode, with a rival subject for the share of samples {@link BuildSettings#rivals} asks for and
   * a held-out bystander for the share {@link BuildSettings#heldOutBystanders} asks for, and (train and val only)
   * an outcome bystander for the share {@link BuildSettings#outcomeBystanders} asks for.
   */
  private Episode episode(Spec spec, Random r) {
    Episode ep = spec.family().episode(r, spec.subject(), spec.steps());
    if (settings.rivals() > 0) {
      Random rr = rng(spec.index(), 3);
      if (rr.nextDouble() < settings.rivals()) {
        ep = Rivals.add(ep, rr, this::clearOfHost).orElse(ep);
      }
    }
    if (settings.heldOutBystanders() > 0) {
      Random rb = rng(spec.index(), 4);
      if (rb.nextDouble() < settings.heldOutBystanders()) {
        ep = Rivals.addHeldOutBystander(ep, rb, this::clearOfHost).orElse(ep);
      }
    }
    // Outcome bystanders only in the splits a model trains and selects on, from a stream of their own.
    if (settings.outcomeBystanders() > 0 && (spec.split() == Split.TRAIN || spec.split() == Split.VAL)) {
      Random ro = rng(spec.index(), 6);
      if (ro.nextDouble() < settings.outcomeBystanders()) {
        ep = Rivals.addOutcomeBystander(ep, ro, this::clearOfHost).orElse(ep);
      }
    }
    return ep;
  }

  /** True when a placed rival touches no object of any of the host's scenes (one pixel of margin). */
  private boolean clearOfHost(Rivals.Placed p) {
    int side = renderer.size();
    boolean[] before = renderer.silhouette(p.before());
    if (!any(before)) {
      return false;
    }
    boolean[] rival = Renderer.dilate(Renderer.union(before, renderer.silhouette(p.after())), side, 1);
    for (Scene s : p.hostScenes()) {
      for (SceneObject o : s.objects()) {
        boolean[] m = renderer.silhouette(o);
        for (int i = 0; i < m.length; i++) {
          if (m[i] && rival[i]) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean any(boolean[] m) {
    for (boolean b : m) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private Random rng(int index, int stream) {
    long h = settings.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return new Random(h);
  }
}
