package org.reasonbrain.data.world;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A scene graph: a background and objects drawn in list order (later objects cover earlier ones). */
public record Scene(Background background, List<SceneObject> objects) {

  public Scene {
    objects = List.copyOf(objects);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (SceneObject o : objects) {
      if (!ids.add(o.id())) {
        throw new IllegalArgumentException("duplicate object id " + o.id());
      }
    }
  }

  /** The object with this id; fails if absent. */
  public SceneObject get(String id) {
    for (SceneObject o : objects) {
      if (o.id().equals(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException("no object '" + id + "' in scene");
  }

  public boolean has(String id) {
    return objects.stream().anyMatch(o -> o.id().equals(id));
  }

  /** A copy with the object {@code id} replaced by {@code change.apply(it)}. */
  public Scene update(String id, UnaryOperator<SceneObject> change) {
    get(id);
    List<SceneObject> out = new ArrayList<>(objects.size());
    for (SceneObject o : objects) {
      out.add(o.id().equals(id) ? change.apply(o) : o);
    }
    return new Scene(background, out);
  }

  /** A copy without the object {@code id}. */
  public Scene remove(String id) {
    get(id);
    List<SceneObject> out = new ArrayList<>(objects);
    out.removeIf(o -> o.id().equals(id));
    return new Scene(background, out);
  }

  /** A copy with {@code o} appended (drawn last). */
  public Scene add(SceneObject o) {
    List<SceneObject> out = new ArrayList<>(objects);
    out.add(o);
    return new Scene(background, out);
  }

  public Scene withBackground(Background b) {
    return new Scene(b, objects);
  }
}
