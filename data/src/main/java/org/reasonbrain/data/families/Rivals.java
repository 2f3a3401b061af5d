package org.reasonbrain.data.families;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Layout;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * Rival subjects: a second object that another family's intervention would change, put into an episode's
 * scene in its initial state. The instruction concerns only the episode's own subject, so the rival must
 * come out of every step unchanged; a new distractor shows the rival changed instead ("rival-changed").
 *
 * <p>Why: in a scene with one interventable object the scene alone says what will change (a model shown
 * "Show the scene." edits as well as one shown the real instruction). With a rival beside it, the same
 * kind of scene admits two edits and only the instruction says which.
 *
 * <p>A rival comes from a family whose step changes its subject alone, in place, with no other object
 * involved (melting, ripening, a candle burning down, ...): such a change reads the same in any scene.
 */
public final class Rivals {
  /** The rival object's id in the scene graph. */
  public static final String ID = "rival";
  /** The distractor reason of the rival changed instead of the subject. */
  public static final String RIVAL_CHANGED = "rival-changed";

  private static final int ATTEMPTS = 12;

  private Rivals() {}

  /**
   * The episode with a rival added, or empty when no rival fits (every attempt overlapped the scene's
   * objects or changed region, or came from a family whose change is not local).
   *
   * @param fits says whether a placed rival (its initial and changed object) stays clear of the episode's
   *     objects and edits; the caller owns the renderer that decides it
   */
  public static Optional<Episode> add(Episode host, Random r, Predicate<Placed> fits) {
    return place(host, r, fits).map(Placed::episode);
  }

  /**
   * The rival placed in the host episode (as {@link #add} places it, drawing the same numbers), with the rival's own
   * step: what its family's instruction about it says and how it changes it. Empty when no rival fits.
   */
  public static Optional<Placed> place(Episode host, Random r, Predicate<Placed> fits) {
    Set<Kind> present = new HashSet<>();
    List<Double> taken = new ArrayList<>();
    occupancy(host, present, taken);
    List<Family> pool = Families.all().stream().filter(f -> f != host.family()).toList();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Family f = pool.get(r.nextInt(pool.size()));
      Kind k = f.seenSubjects().get(r.nextInt(f.seenSubjects().size()));
      long seed = r.nextLong();
      double x = BaseFamily.range(r, 0.1, 0.9);
      if (present.contains(k)) {
        continue;
      }
      Episode rivalEp = f.episode(new Random(seed), k, 1);
      Step step = rivalEp.steps().get(0);
      if (step.backgroundChanged() || !step.changed().equals(List.of(StateChainFamily.SUBJECT))
          || !onlySubjectAndBystanders(rivalEp.source()) || !onlySubjectAndBystanders(step.target())) {
        continue;
      }
      SceneObject before = rivalEp.source().get(StateChainFamily.SUBJECT);
      SceneObject after = step.target().get(StateChainFamily.SUBJECT);
      if (Math.abs(after.x() - before.x()) > 1e-9 || Math.abs(after.y() - before.y()) > 1e-9) {
        continue;
      }
      if (!apart(taken, x)) {
        continue;
      }
      double y = Layout.surface(host.source().background().setting())
          + (before.y() - Layout.surface(rivalEp.source().background().setting()));
      SceneObject placedBefore = rename(before).at(x, y);
      SceneObject placedAfter = rename(after).at(x, y);
      Placed placed = new Placed(host, f, placedBefore, placedAfter, step);
      if (fits.test(placed)) {
        return Optional.of(placed);
      }
    }
    return Optional.empty();
  }

  /** The held-out bystander's id in the scene graph. */
  public static final String HELD_OUT_ID = "held-out-bystander";

  /**
   * The episode with a held-out bystander added: a subject that test-composition reserves for its own family
   * (a snowman, a log, a bowling ball, ...), in that family's initial state, standing on the host's surface and
   * unchanged in every scene. The held-out (subject, rule) pair never becomes a training edit; only the
   * object stops being unseen. Empty when no such object fits clear of the host's objects.
   */
  public static Optional<Episode> addHeldOutBystander(Episode host, Random r, Predicate<Placed> fits) {
    return addReserved(host, r, fits, false);
  }

  /** The outcome bystander's id in the scene graph. */
  public static final String OUTCOME_ID = "outcome-bystander";

  /**
   * The episode with an outcome bystander added: a subject that test-composition reserves for its own family,
   * in the state that family's rule leaves it in (the snowman already a puddle, the dinner plate already in
   * shards, the log already burnt), standing on the host's surface and unchanged in every scene. What the
   * object looks like once changed is then seen, as a photograph of a broken plate is seen by a pretrained
   * model; the edit from the initial state under that rule (the held-out pair) never is. Families whose changed
   * subject looks as its initial one when standing alone (a seesaw's ball) give none. Empty when no such object
   * fits clear of the host's objects.
   */
  public static Optional<Episode> addOutcomeBystander(Episode host, Random r, Predicate<Placed> fits) {
    return addReserved(host, r, fits, true);
  }

  private static Optional<Episode> addReserved(Episode host, Random r, Predicate<Placed> fits, boolean changed) {
    Set<Kind> present = new HashSet<>();
    List<Double> taken = new ArrayList<>();
    occupancy(host, present, taken);
    List<Family> pool = Families.all().stream().filter(f -> f != host.family() && f.hasHeldOutSubject()).toList();
    double surface = Layout.surface(host.source().background().setting());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Family f = pool.get(r.nextInt(pool.size()));
      Kind k = f.heldOutSubject();
      long seed = r.nextLong();
      double x = BaseFamily.range(r, 0.1, 0.9);
      if (present.contains(k)) {
        continue;
      }
      Episode own = f.episode(new Random(seed), k, 1);
      SceneObject initial = own.source().objects().stream().filter(o -> o.kind() == k).findFirst().orElse(null);
      if (initial == null || !apart(taken, x)) {
        continue;
      }
      SceneObject shown = initial;
      if (changed) {
        Scene target = own.steps().get(0).target();
        shown = target.has(initial.id()) ? target.get(initial.id()) : null;
        if (shown == null || shown.kind() != k
            || (shown.state().equals(initial.state()) && shown.rgb() == initial.rgb() && shown.param() == initial.param())) {
          continue;
        }
      }
      SceneObject placed = new SceneObject(changed ? OUTCOME_ID : HELD_OUT_ID, k, x, surface, shown.size(), shown.rgb(),
          shown.state(), shown.param());
      Placed p = new Placed(host, f, placed, placed);
      if (fits.test(p)) {
        return Optional.of(p.still());
      }
    }
    return Optional.empty();
  }

  /**
   * A rival placed in a host episode: the object as it is and as its own family would change it.
   *
   * @param rivalStep the rival family's own step on the rival (its instruction's clauses and slots), null for a
   *     reserved bystander
   */
  public record Placed(Episode host, Family family, SceneObject before, SceneObject after, Step rivalStep) {
    /** A placed object that never changes on its own. */
    Placed(Episode host, Family family, SceneObject before, SceneObject after) {
      this(host, family, before, after, null);
    }

    /** Every scene of the host episode (source, step targets, distractors). */
    public List<Scene> hostScenes() {
      return scenes(host);
    }

    /** The host episode with the rival in every scene, and a rival-changed distractor at every step. */
    public Episode episode() {
      return withBefore(true);
    }

    /** The host episode with {@code before} in every scene and no new distractor (it never changes). */
    Episode still() {
      return withBefore(false);
    }

    private Episode withBefore(boolean rivalChanged) {
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < host.steps().size(); i++) {
        Step s = host.steps().get(i);
        List<Distractor> ds = new ArrayList<>();
        for (Distractor d : s.distractors()) {
          ds.add(new Distractor(d.reason(), d.scene().add(before)));
        }
        if (rivalChanged) {
          ds.add(new Distractor(RIVAL_CHANGED, host.before(i).add(after)));
        }
        steps.add(new Step(s.target().add(before), s.initialTemplate(), s.clauses(), s.slots(), s.changed(),
            s.backgroundChanged(), ds));
      }
      return new Episode(host.family(), host.subject(), host.source().add(before), steps);
    }
  }

  /** True when {@code x} is at least 0.12 of the width from every x in {@code taken}. */
  private static boolean apart(List<Double> taken, double x) {
    for (double t : taken) {
      if (Math.abs(t - x) < 0.12) {
        return false;
      }
    }
    return true;
  }

  /** Adds the kind and the x of every object of every scene of {@code host} to {@code kinds} and {@code xs}. */
  private static void occupancy(Episode host, Set<Kind> kinds, List<Double> xs) {
    for (Scene s : scenes(host)) {
      for (SceneObject o : s.objects()) {
        kinds.add(o.kind());
        xs.add(o.x());
      }
    }
  }

  private static List<Scene> scenes(Episode e) {
    List<Scene> out = new ArrayList<>();
    out.add(e.source());
    for (Step s : e.steps()) {
      out.add(s.target());
      for (Distractor d : s.distractors()) {
        out.add(d.scene());
      }
    }
    return out;
  }

  private static boolean onlySubjectAndBystanders(Scene s) {
    for (SceneObject o : s.objects()) {
      if (!o.id().equals(StateChainFamily.SUBJECT) && !o.id().startsWith("bystander")) {
        return false;
      }
    }
    return true;
  }

  private static SceneObject rename(SceneObject o) {
    return new SceneObject(ID, o.kind(), o.x(), o.y(), o.size(), o.rgb(), o.state(), o.param());
  }
}
