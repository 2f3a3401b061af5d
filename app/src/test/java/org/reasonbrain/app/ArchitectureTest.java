package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Enforces the one-way module imports of the architecture (docs/design.md). */
class ArchitectureTest {
  /** Which org.reasonbrain modules each module may import (besides itself). */
  static final Map<String, Set<String>> ALLOWED = Map.of(
      "core", Set.of(),
      "model", Set.of("core"),
      "sampling", Set.of("core"),
      "data", Set.of("core"),
      "train", Set.of("core", "model", "sampling", "data"),
      "infer", Set.of("core", "model", "sampling"),
      "eval", Set.of("core", "data", "infer"),
      "app", Set.of("core", "model", "sampling", "data", "train", "infer", "eval"),
      "spark", Set.of("core", "data", "eval", "app"));

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?org\\.reasonbrain\\.(\\w+)\\.", Pattern.MULTILINE);

  static List<String> violations(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    for (var e : ALLOWED.entrySet()) {
      Path src = root.resolve(e.getKey()).resolve("src/main/java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = IMPORT.matcher(Files.readString(f));
          while (m.find()) {
            String to = m.group(1);
            if (!to.equals(e.getKey()) && !e.getValue().contains(to)) {
              out.add(root.relativize(f) + " imports org.reasonbrain." + to + " (module " + e.getKey() + " may import " + e.getValue() + ")");
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void modulesImportOneWay() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.isDirectory(root.resolve("core/src/main/java")), "run from the app module: " + root);
    assertEquals(List.of(), violations(root));
  }

  @Test
  void theCheckFindsAViolation(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("data/src/main/java/org/reasonbrain/data/X.java");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "package org.reasonbrain.data;\nimport org.reasonbrain.model.Foo;\nclass X {}\n");
    List<String> v = violations(tmp);
    assertEquals(1, v.size());
    assertTrue(v.get(0).contains("imports org.reasonbrain.model"));
  }
}
