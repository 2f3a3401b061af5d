package org.reasonbrain.data.format;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.world.Category;

/**
 * A dataset folder: {@code manifest.jsonl} plus the images it names. The same loader reads a
 * ReasonWorld build and a folder made by hand (a converted Reason50K, EditWorld or MagicBrush export).
 */
public final class Dataset {
  public static final String MANIFEST = "manifest.jsonl";

  /** Something wrong with one line of the manifest. Line numbers start at 1. */
  public record Problem(int line, String field, String message) {
    @Override
    public String toString() {
      return MANIFEST + " line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + message;
    }
  }

  /** A dataset that cannot be loaded; the message lists the first problems. */
  public static final class InvalidDatasetException extends IOException {
    private final List<Problem> problems;

    InvalidDatasetException(Path dir, List<Problem> problems) {
      super(dir + ": " + problems.size() + " problem(s) in the manifest, first: " + problems.get(0));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  private final Path dir;
  private final List<Sample> samples;

  private Dataset(Path dir, List<Sample> samples) {
    this.dir = dir;
    this.samples = List.copyOf(samples);
  }

  /** Loads and validates the manifest (paths, fields); images are decoded only when used. */
  public static Dataset load(Path dir) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Numbered> samples = read(dir, problems);
    if (!problems.isEmpty()) {
      throw new InvalidDatasetException(dir, problems);
    }
    return new Dataset(dir, samples.stream().map(Numbered::sample).toList());
  }

  /**
   * Checks a dataset folder and returns every problem found; with {@code decodeImages} also decodes
   * every image and checks that all images of a line have the source's size.
   */
  public static List<Problem> check(Path dir, boolean decodeImages) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Numbered> samples = read(dir, problems);
    if (decodeImages) {
      for (Numbered n : samples) {
        checkImages(dir, n.sample(), n.line(), problems);
      }
      checkSetSources(dir, samples, problems);
    }
    return problems;
  }

  /** A sample and the manifest line it came from. */
  private record Numbered(int line, Sample sample) {}

  public Path dir() {
    return dir;
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The samples of one split, in manifest order. */
  public List<Sample> split(String split) {
    return samples.stream().filter(s -> s.split().equals(split)).toList();
  }

  /** Reads an image of this dataset as RGB. */
  public BufferedImage image(String relative) throws IOException {
    return Images.read(dir.resolve(relative));
  }

  /** Reads a mask of this dataset. */
  public boolean[] mask(String relative, int width, int height) throws IOException {
    return Images.readMask(dir.resolve(relative), width, height);
  }

  // ---------------------------------------------------------------- validation

  private static List<Numbered> read(Path dir, List<Problem> problems) throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a folder");
    }
    if (!Files.isRegularFile(manifest)) {
      throw new IOException(dir + ": no " + MANIFEST + " in this folder");
    }
    List<Numbered> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    java.util.Map<String, Numbered> setFirst = new java.util.HashMap<>();
    Set<String> setMembers = new HashSet<>();
    Path root = dir.toRealPath();
    try (BufferedReader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = r.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        Sample s;
        try {
          s = ManifestCodec.decode(text);
        } catch (ManifestCodec.BadLineException e) {
          problems.add(new Problem(line, e.field(), e.getMessage()));
          continue;
        }
        int before = problems.size();
        if (!ids.add(s.id())) {
          problems.add(new Problem(line, "id", "duplicate id '" + s.id() + "'"));
        }
        try {
          Category.parse(s.category());
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(line, "category", e.getMessage()));
        }
        checkPath(root, line, "source", s.source(), problems);
        checkPath(root, line, "target", s.target(), problems);
        if (s.editMask() != null) {
          checkPath(root, line, "edit_mask", s.editMask(), problems);
        }
        for (int i = 0; i < s.masks().size(); i++) {
          checkPath(root, line, "masks[" + i + "]", s.masks().get(i).path(), problems);
        }
        for (int i = 0; i < s.distractorTargets().size(); i++) {
          checkPath(root, line, "distractor_targets[" + i + "]", s.distractorTargets().get(i).path(), problems);
        }
        for (int i = 0; i < s.steps().size(); i++) {
          checkPath(root, line, "steps[" + i + "].target", s.steps().get(i).target(), problems);
          if (s.steps().get(i).editMask() != null) {
            checkPath(root, line, "steps[" + i + "].edit_mask", s.steps().get(i).editMask(), problems);
          }
        }
        if (s.inSet()) {
          Numbered first = setFirst.putIfAbsent(s.set(), new Numbered(line, s));
          if (first != null && !first.sample().split().equals(s.split())) {
            problems.add(new Problem(line, "split", "set '" + s.set() + "' is in split '" + first.sample().split()
                + "' on line " + first.line() + " but '" + s.split() + "' here: a set's rows share one split"));
          }
          if (!setMembers.add(s.set() + "\u0000" + s.member())) {
            problems.add(new Problem(line, "member", "set '" + s.set() + "' already has a '" + s.member() + "' member"));
          }
        }
        if (problems.size() == before) {
          out.add(new Numbered(line, s));
        }
      }
      if (line == 0) {
        problems.add(new Problem(0, null, "the manifest is empty"));
      }
    }
    return out;
  }

  private static void checkPath(Path root, int line, String field, String rel, List<Problem> problems) {
    Path p;
    try {
      p = Path.of(rel);
    } catch (InvalidPathException e) {
      problems.add(new Problem(line, field, "invalid path '" + rel + "'"));
      return;
    }
    if (p.isAbsolute()) {
      problems.add(new Problem(line, field, "path '" + rel + "' must be relative to the dataset folder"));
      return;
    }
    Path abs = root.resolve(p).normalize();
    if (!abs.startsWith(root)) {
      problems.add(new Problem(line, field, "path '" + rel + "' leaves the dataset folder"));
      return;
    }
    if (!Files.isRegularFile(abs)) {
      problems.add(new Problem(line, field, "file '" + rel + "' does not exist"));
      return;
    }
    try {
      if (!abs.toRealPath().startsWith(root)) {
        problems.add(new Problem(line, field, "path '" + rel + "' links outside the dataset folder"));
      }
    } catch (IOException e) {
      problems.add(new Problem(line, field, "cannot resolve '" + rel + "': " + e.getMessage()));
    }
  }

  /** Rows of one counterfactual set show the same picture: their source files hold the same bytes. */
  private static void checkSetSources(Path dir, List<Numbered> samples, List<Problem> problems) {
    java.util.Map<String, Numbered> first = new java.util.HashMap<>();
    for (Numbered n : samples) {
      if (!n.sample().inSet()) {
        continue;
      }
      Numbered f = first.putIfAbsent(n.sample().set(), n);
      if (f == null || f.sample().source().equals(n.sample().source())) {
        continue;
      }
      try {
        if (Files.mismatch(dir.resolve(f.sample().source()), dir.resolve(n.sample().source())) != -1) {
          problems.add(new Problem(n.line(), "source", "set '" + n.sample().set() + "': this source differs from line "
              + f.line() + "'s (a set's rows share one source picture)"));
        }
      } catch (IOException e) {
        problems.add(new Problem(n.line(), "source", e.getMessage()));
      }
    }
  }

  private static void checkImages(Path dir, Sample s, int line, List<Problem> problems) {
    BufferedImage src;
    try {
      src = Images.read(dir.resolve(s.source()));
    } catch (IOException e) {
      problems.add(new Problem(line, "source", e.getMessage()));
      return;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    List<String[]> others = new ArrayList<>();
    others.add(new String[] {"target", s.target()});
    if (s.editMask() != null) {
      others.add(new String[] {"edit_mask", s.editMask()});
    }
    for (int i = 0; i < s.masks().size(); i++) {
      others.add(new String[] {"masks[" + i + "]", s.masks().get(i).path()});
    }
    for (int i = 0; i < s.distractorTargets().size(); i++) {
      others.add(new String[] {"distractor_targets[" + i + "]", s.distractorTargets().get(i).path()});
    }
    for (int i = 0; i < s.steps().size(); i++) {
      others.add(new String[] {"steps[" + i + "].target", s.steps().get(i).target()});
    }
    for (String[] f : others) {
      try {
        BufferedImage img = Images.read(dir.resolve(f[1]));
        if (img.getWidth() != w || img.getHeight() != h) {
          problems.add(new Problem(line, f[0], "image is " + img.getWidth() + "x" + img.getHeight()
              + " but the source is " + w + "x" + h));
        }
      } catch (IOException e) {
        problems.add(new Problem(line, f[0], e.getMessage()));
      }
    }
  }
}
