package org.reasonbrain.data.build;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.reasonbrain.data.families.Distractor;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.Rivals;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.text.HypotheticalRewriter;
import org.reasonbrain.data.text.NullRequests;
import org.reasonbrain.data.text.Phrasing;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * Counterfactual sets: one rendered scene holding a host subject and a rival subject (see {@link Rivals}), asked
 * four things, each with its own exact target:
 * <ol>
 *   <li>{@value Sample#HOST}: the host family's instruction; the host changes, the rival stays;
 *   <li>{@value Sample#RIVAL}: the rival family's instruction; the rival changes, the host stays;
 *   <li>{@value Sample#NULL}: a request for nothing ({@link NullRequests}); the target is the source;
 *   <li>{@value Sample#ABSENT}: a third family's instruction about an object the scene does not hold (never a family
 *       whose change acts on the whole scene, such as rain or nightfall, which needs no object); the target is the
 *       source.
 * </ol>
 * Every member's wrong outcomes include the other members' targets, so the judge tells "changed the wrong object"
 * from "changed nothing". The picture alone cannot tell the members apart: only the instruction does.
 */
final class CounterfactualSets {
  /** The wrong outcome of the host changed (asked about the rival, or for nothing). */
  static final String HOST_CHANGED = "host-changed";
  /** The wrong outcome of both subjects changed. */
  static final String BOTH_CHANGED = "both-changed";

  /** Host families tried before a set gives up (each with {@link #TRIES} scenes). */
  private static final int TRIES = 6;

  private CounterfactualSets() {}

  /**
   * A set's scene: the host episode with the rival in every scene and the rival placed (as its family would change
   * it), and the absent object's family and subject.
   */
  record SetScene(Episode episode, Rivals.Placed rival, Family absentFamily, Step absentStep) {
    Step hostStep() {
      return episode.steps().get(0);
    }

    Scene source() {
      return episode.source();
    }

    /** The source with the rival changed and the host as it was. */
    Scene rivalChanged() {
      return rival.host().source().add(rival.after());
    }

    /** The host's target with the rival changed too. */
    Scene bothChanged() {
      return rival.host().steps().get(0).target().add(rival.after());
    }
  }

  /** One member: what it asks and what its truth and wrong outcomes are. */
  record Member(String kind, Family family, Category category, String instruction, String initialInstruction,
      List<String> objects, Scene target, List<String> changed, boolean backgroundChanged, List<Distractor> distractors) {}

  /**
   * The set's scene, drawn from {@code r}: a host family of {@code category} (a random one first, then the others in
   * turn), a subject from {@code subjects}, and a rival that fits clear of the host.
   */
  static SetScene scene(Category category, boolean extraSubjects, Random r, Predicate<Rivals.Placed> fits) {
    List<Family> pool = Families.of(category);
    int first = r.nextInt(pool.size());
    for (int k = 0; k < pool.size(); k++) {
      Family f = pool.get((first + k) % pool.size());
      List<Kind> subjects = extraSubjects ? f.trainableSubjects() : f.seenSubjects();
      for (int t = 0; t < TRIES; t++) {
        Kind subject = subjects.get(r.nextInt(subjects.size()));
        Episode host = f.episode(new Random(r.nextLong()), subject, 1);
        Optional<Rivals.Placed> placed = Rivals.place(host, r, fits);
        if (placed.isEmpty()) {
          continue;
        }
        Optional<Step> absent = Optional.empty();
        Family absentFamily = null;
        Set<Kind> present = kinds(placed.get().episode());
        List<Family> others = Families.all().stream()
            .filter(g -> g != f && g != placed.get().family()).toList();
        for (int a = 0; a < 16 && absent.isEmpty(); a++) {
          Family g = others.get(r.nextInt(others.size()));
          Kind gk = g.seenSubjects().get(r.nextInt(g.seenSubjects().size()));
          if (present.contains(gk)) {
            continue;
          }
          Step s = g.episode(new Random(r.nextLong()), gk, 1).steps().get(0);
          if (!s.backgroundChanged() && !s.slots().isEmpty() && !mentionsPresent(s, present)) {
            absent = Optional.of(s);
            absentFamily = g;
          }
        }
        if (absent.isPresent()) {
          return new SetScene(placed.get().episode(), placed.get(), absentFamily, absent.get());
        }
      }
    }
    throw new IllegalStateException("no counterfactual set fits a " + category.label() + " scene");
  }

  /** The member {@code kind} of a set, its instruction drawn from {@code r}. */
  static Member member(SetScene set, String kind, HypotheticalRewriter rewriter, Phrasing phrasing, Random r) {
    Step host = set.hostStep();
    Family hostFamily = set.episode().family();
    Scene source = set.source();
    Distractor hostChanged = new Distractor(HOST_CHANGED, host.target());
    Distractor rivalChanged = new Distractor(Rivals.RIVAL_CHANGED, set.rivalChanged());
    switch (kind) {
      case Sample.HOST -> {
        return new Member(kind, hostFamily, hostFamily.category(), rewrite(host, rewriter, phrasing, r),
            host.initialInstruction(), set.episode().referencedObjects(), host.target(), host.changed(),
            host.backgroundChanged(), host.distractors());
      }
      case Sample.RIVAL -> {
        Step rs = set.rival().rivalStep();
        List<Distractor> ds = List.of(new Distractor(Distractor.NO_CHANGE, source), hostChanged,
            new Distractor(BOTH_CHANGED, set.bothChanged()));
        Family rf = set.rival().family();
        return new Member(kind, rf, rf.category(), rewrite(rs, rewriter, phrasing, r), rs.initialInstruction(),
            slotKeys(rs), set.rivalChanged(), List.of(Rivals.ID), false, ds);
      }
      case Sample.NULL -> {
        String text = NullRequests.draw(phrasing, r);
        return new Member(kind, hostFamily, hostFamily.category(), text, "leave the scene unchanged", List.of(), source,
            List.of(), false, List.of(hostChanged, rivalChanged));
      }
      case Sample.ABSENT -> {
        Step a = set.absentStep();
        return new Member(kind, hostFamily, hostFamily.category(), rewrite(a, rewriter, phrasing, r),
            "leave the scene unchanged", slotKeys(a), source, List.of(), false, List.of(hostChanged, rivalChanged));
      }
      default -> throw new IllegalArgumentException("unknown member kind '" + kind + "'");
    }
  }

  private static String rewrite(Step s, HypotheticalRewriter rewriter, Phrasing phrasing, Random r) {
    return rewriter.rewrite(new HypotheticalRewriter.Request(s.initialInstruction(), s.clauses(), s.slots(), phrasing), r);
  }

  private static List<String> slotKeys(Step s) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(new TreeMap<>(s.slots()).values()));
  }

  /** True when a step's instruction names a kind of object the scene holds (it would not be about an absent one). */
  private static boolean mentionsPresent(Step s, Set<Kind> present) {
    for (String key : s.slots().values()) {
      for (Kind k : present) {
        if (k.noun().equals(key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<Kind> kinds(Episode e) {
    Set<Kind> out = new HashSet<>();
    List<Scene> scenes = new ArrayList<>();
    scenes.add(e.source());
    for (Step s : e.steps()) {
      scenes.add(s.target());
    }
    for (Scene s : scenes) {
      for (SceneObject o : s.objects()) {
        out.add(o.kind());
      }
    }
    return out;
  }
}
