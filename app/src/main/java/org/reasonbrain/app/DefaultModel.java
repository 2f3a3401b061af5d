package org.reasonbrain.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shipped default model lives: {@code models/default} of the checkout the launcher runs from. */
final class DefaultModel {
  private DefaultModel() {}

  /** The checkout's root (the launcher passes it as {@code -Dreasonbrain.home}); the working directory otherwise. */
  static Path home() {
    String h = System.getProperty("reasonbrain.home");
    return h == null || h.isBlank() ? Path.of("").toAbsolutePath() : Path.of(h);
  }

  static Path path() {
    return home().resolve("models/default");
  }

  /** {@code given}, or the default model; a user error names what is missing. */
  static Path resolve(Path given) {
    Path p = given != null ? given : path();
    if (!Files.isRegularFile(p.resolve("config.json")) || !Files.isRegularFile(p.resolve("checkpoint/model.safetensors"))) {
      throw new UserError(p + ": not a model folder (needs config.json and checkpoint/model.safetensors)"
          + (given == null ? "; the default model ships in models/default of the repository" : ""));
    }
    return p;
  }
}
