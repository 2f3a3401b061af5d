package org.reasonbrain.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.core.image.Images;

/**
 * The input check on the shipped model (models/default): ReasonWorld scenes pass without a word, a photograph and
 * noise are called far from the training scenes, and the notes on shape say what they should (docs/ood-warning.md).
 */
class InputCheckTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static EditPipeline pipe;

  @BeforeAll
  static void open() throws IOException {
    pipe = EditPipeline.load(ROOT.resolve("models/default"));
  }

  @AfterAll
  static void close() {
    pipe.close();
  }

  @Test
  void reasonWorldScenesGetNoWarning() throws IOException {
    List<Path> scenes;
    try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
      scenes = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertTrue(scenes.size() >= 5, "the bundled ReasonWorld examples: " + scenes);
    for (Path p : scenes) {
      InputCheck.Report r = pipe.checkInput(Images.read(p));
      System.out.printf("%s: reconstruction error %.4f%n", p.getFileName(), r.reconstructionError());
      assertEquals(List.of(), r.warnings(), p.getFileName() + " (error " + r.reconstructionError() + ")");
      assertFalse(r.outOfDomain());
    }
  }

  @Test
  void aPhotographIsFarFromTheTrainingScenes() throws IOException {
    BufferedImage photo;
    try (InputStream in = InputCheckTest.class.getResourceAsStream("/ood/circuit-board-photo.jpg")) {
      photo = Images.read(in, "circuit-board-photo.jpg");
    }
    InputCheck.Report r = pipe.checkInput(photo);
    System.out.printf("circuit board photo %dx%d: reconstruction error %.4f%n", photo.getWidth(), photo.getHeight(), r.reconstructionError());
    assertTrue(r.outOfDomain(), "error " + r.reconstructionError() + " vs threshold " + r.threshold());
    assertTrue(r.warnings().get(0).contains("far from the scenes the model was trained on"), r.warnings().toString());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("not square")), r.warnings().toString());
  }

  @Test
  void noiseIsFarFromTheTrainingScenes() {
    Random rng = new Random(3);
    BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        noise.setRGB(x, y, rng.nextInt(1 << 24));
      }
    }
    InputCheck.Report r = pipe.checkInput(noise);
    System.out.printf("noise: reconstruction error %.4f%n", r.reconstructionError());
    assertTrue(r.outOfDomain(), "error " + r.reconstructionError());
    assertEquals(1, r.warnings().size(), "a 64 px square: only the out-of-domain warning; " + r.warnings());
  }

  @Test
  void theThresholdComesFromTheConstantAndCanBeSet() {
    assertEquals(InputCheck.MAX_RECONSTRUCTION_ERROR, pipe.inputThreshold());
    assertThrowsIae(() -> pipe.inputThreshold(0));
    assertThrowsIae(() -> pipe.inputThreshold(Double.NaN));
  }

  private static void assertThrowsIae(Runnable r) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
  }

  @Test
  void shapeNotesSayWhatTheModelDoesWithTheImage() {
    assertEquals(List.of(), InputCheck.warnings(0.01, 0.02, 64, 64, 64));
    assertEquals(List.of(), InputCheck.warnings(0.01, 0.02, 256, 250, 64), "square enough, shrunk 3.9 times");
    List<String> photo = InputCheck.warnings(0.01, 0.02, 720, 477, 64);
    assertEquals(2, photo.size(), photo.toString());
    assertTrue(photo.get(0).contains("720x477, not square") && photo.get(0).contains("centred 477x477 square"), photo.get(0));
    assertTrue(photo.get(1).contains("shrunk 7.5 times"), photo.get(1));
    assertTrue(InputCheck.warnings(0.05, 0.02, 64, 64, 64).get(0).contains("reconstruction error 0.050, above 0.020"));
  }
}
