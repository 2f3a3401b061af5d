package org.reasonbrain.data.families;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * The one rule that acts on any object the same way: the named object is taken out of the scene and nothing else
 * changes ("What would happen if someone carried the snowman away?"). One instance per host family, whose scenes
 * it borrows: the host's own subject, test-composition's reserved one included, in the host's first state (the
 * snowman standing, not yet a puddle), is the object taken away.
 *
 * <p>Drawn only by a build that asks for it ({@code data build --take-away}), and only in the train and val
 * splits. Why it exists: composition's reserved subjects were never named by an instruction in training, and a
 * held-out bystander (in half the scenes of such builds) is an object seen only staying as it is; this rule
 * grounds each noun in its object, held-out ones included, without any held-out (subject, rule) pair: the snowman
 * is taken away, never melted. Not one of the 27 families of {@link Families#all()}: standard builds never draw it.
 */
public final class TakeAway extends BaseFamily {
  /** The name every instance writes into the manifest. */
  public static final String NAME = "take-away";

  /**
   * Hosts whose subject cannot leave alone: a seesaw would have to swing back, a magnet's subject is three clips,
   * a row of dominoes has no one domino to name.
   */
  private static final Set<String> NOT_HOSTS = Set.of("seesaw", "magnet", "dominoes");

  private static final List<TakeAway> ALL;

  static {
    List<TakeAway> all = new ArrayList<>();
    for (Family host : Families.all()) {
      if (NOT_HOSTS.contains(host.name())) {
        continue;
      }
      List<Kind> named = host.subjects().stream().filter(k -> Lexicon.keys().contains(k.noun())).toList();
      if (!named.isEmpty()) {
        all.add(new TakeAway(host, named));
      }
    }
    ALL = List.copyOf(all);
  }

  private final Family host;

  private TakeAway(Family host, List<Kind> subjects) {
    super(NAME, host.category(), subjects.toArray(new Kind[0]));
    this.host = host;
  }

  /** One instance per host family, in {@link Families#all()}'s order. */
  public static List<TakeAway> all() {
    return ALL;
  }

  /** The family whose scenes this instance borrows. */
  public Family host() {
    return host;
  }

  /** Every subject is seen: the rule holds nothing out (the host's reserved subject is taken away, never changed). */
  @Override
  public boolean hasHeldOutSubject() {
    return false;
  }

  @Override
  Episode build(Random r, Kind subject, int steps) {
    List<String> changed = List.of(StateChainFamily.SUBJECT);
    Scene source;
    if (host instanceof StateChainFamily chain) {
      source = chain.scene(r, subject, chain.states(subject).get(0));
    } else {
      Episode ep = host.episode(r, subject, 1);
      source = ep.source();
      changed = ep.steps().get(0).changed();
    }
    List<SceneObject> named = source.objects().stream().filter(o -> o.kind() == subject).toList();
    if (named.isEmpty()) {
      throw new IllegalStateException(NAME + ": a " + host.name() + " scene of " + subject.noun() + " holds none");
    }
    if (named.size() > 1) {
      // A second object of the kind (the tap's other container) would leave "the bucket" ambiguous: the one the
      // host's rule acts on stays, the others leave the source.
      List<String> acted = changed;
      SceneObject keep = named.stream().filter(o -> acted.contains(o.id())).findFirst().orElse(named.get(0));
      for (SceneObject o : named) {
        if (o != keep) {
          source = source.remove(o.id());
        }
      }
      named = List.of(keep);
    }
    SceneObject gone = named.get(0);
    Scene target = source.remove(gone.id());
    List<Distractor> ds = new ArrayList<>();
    ds.add(none(source));
    List<SceneObject> others = source.objects().stream().filter(o -> o.kind() != subject).toList();
    if (!others.isEmpty()) {
      ds.add(wrongObject(source.remove(pick(r, others).id())));
    }
    Step st = new Step(target, "remove {a} from the picture",
        List.of("someone carried {a} away", "{a} was taken away", "somebody picked up {a} and left with it"),
        Map.of("a", subject.noun()), List.of(gone.id()), false, ds);
    return new Episode(this, subject, source, List.of(st));
  }

  @Override
  public List<String> facts(Kind k) {
    return List.of("a " + k.noun() + " that is carried away is no longer there",
        "when something is taken away the place where it stood is empty");
  }
}
