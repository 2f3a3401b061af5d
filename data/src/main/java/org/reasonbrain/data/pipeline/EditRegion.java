package org.reasonbrain.data.pipeline;

import java.util.Arrays;
import java.util.List;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/**
 * The pixels an intervention may change, from the scene graphs alone: the silhouettes of the changed
 * objects before and after, grown by one pixel; the whole frame when the background changes.
 * ReasonWorld's tests check that the rendered images differ only inside it.
 */
public final class EditRegion {
  private EditRegion() {}

  public static boolean[] of(Renderer renderer, Scene before, Scene after, List<String> changed, boolean backgroundChanged) {
    int n = renderer.size() * renderer.size();
    boolean[] region = new boolean[n];
    if (backgroundChanged) {
      Arrays.fill(region, true);
      return region;
    }
    for (String id : changed) {
      for (Scene s : List.of(before, after)) {
        if (s.has(id)) {
          SceneObject o = s.get(id);
          region = Renderer.union(region, renderer.silhouette(o));
        }
      }
    }
    return Renderer.dilate(region, renderer.size(), 1);
  }

  /** The complement of a mask. */
  public static boolean[] outside(boolean[] region) {
    boolean[] out = new boolean[region.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = !region[i];
    }
    return out;
  }
}
