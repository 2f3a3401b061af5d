package org.reasonbrain.data.world;

/**
 * One object of a scene graph. Coordinates are fractions of the image: {@code x} is the horizontal
 * centre, {@code y} the vertical position of the object's base (where it stands), {@code size} its
 * nominal height. {@code state} selects how the kind is drawn (e.g. ice: solid / puddle / damp);
 * {@code param} is a kind-specific number (tilt of a seesaw, direction of a bend, fill level).
 */
public record SceneObject(String id, Kind kind, double x, double y, double size, int rgb, String state,
    double param) {

  public SceneObject {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("object id must not be empty");
    }
    if (kind == null || state == null) {
      throw new IllegalArgumentException("object " + id + ": kind and state are required");
    }
  }

  public SceneObject withState(String newState) {
    return new SceneObject(id, kind, x, y, size, rgb, newState, param);
  }

  public SceneObject withParam(double newParam) {
    return new SceneObject(id, kind, x, y, size, rgb, state, newParam);
  }

  public SceneObject at(double newX, double newY) {
    return new SceneObject(id, kind, newX, newY, size, rgb, state, param);
  }

  public SceneObject withColor(int newRgb) {
    return new SceneObject(id, kind, x, y, size, newRgb, state, param);
  }

  public SceneObject withKind(Kind newKind, String newState) {
    return new SceneObject(id, newKind, x, y, size, rgb, newState, param);
  }
}
