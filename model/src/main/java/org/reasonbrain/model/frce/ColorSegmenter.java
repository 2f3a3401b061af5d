package org.reasonbrain.model.frce;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A classical segmenter for images without masks: quantise colours (4 levels per channel), take
 * 4-connected components, drop the largest component that touches the border most (the
 * background), keep the biggest remaining regions above 0.4% of the image.
 */
public final class ColorSegmenter implements Segmenter {
  @Override
  public List<boolean[]> segment(BufferedImage image, int maxRegions) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] px = image.getRGB(0, 0, w, h, null, 0, w);
    int[] q = new int[px.length];
    for (int i = 0; i < px.length; i++) {
      q[i] = (((px[i] >> 22) & 3) << 4) | (((px[i] >> 14) & 3) << 2) | ((px[i] >> 6) & 3);
    }
    int[] label = new int[px.length];
    java.util.Arrays.fill(label, -1);
    List<int[]> comps = new ArrayList<>();
    int[] stack = new int[px.length];
    for (int s = 0; s < px.length; s++) {
      if (label[s] >= 0) {
        continue;
      }
      int id = comps.size();
      int top = 0;
      stack[top++] = s;
      label[s] = id;
      int size = 0;
      int border = 0;
      while (top > 0) {
        int p = stack[--top];
        size++;
        int x = p % w;
        int y = p / w;
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
          border++;
        }
        int[] nb = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
        for (int n : nb) {
          if (n >= 0 && label[n] < 0 && q[n] == q[s]) {
            label[n] = id;
            stack[top++] = n;
          }
        }
      }
      comps.add(new int[] {id, size, border});
    }
    List<int[]> objects = new ArrayList<>(comps.stream().filter(c -> c[2] == 0 && c[1] >= Math.max(4, px.length / 250)).toList());
    objects.sort(Comparator.comparingInt((int[] c) -> -c[1]));
    List<boolean[]> out = new ArrayList<>();
    for (int[] c : objects.subList(0, Math.min(maxRegions, objects.size()))) {
      boolean[] m = new boolean[px.length];
      for (int i = 0; i < px.length; i++) {
        m[i] = label[i] == c[0];
      }
      out.add(m);
    }
    return out;
  }
}
