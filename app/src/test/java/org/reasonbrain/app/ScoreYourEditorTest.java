package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The round trip of docs/score-your-editor.md: data tasks -> an editor -> eval --edits. */
class ScoreYourEditorTest {
  private record Run(int code, String out, String err) {}

  /** Runs the command line; {@code out} also holds what the commands print on System.out (their summaries). */
  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    int code;
    try {
      code = cl.execute(args);
    } finally {
      System.setOut(stdout);
    }
    return new Run(code, out + printed.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
  }

  /** An untrained tiny model saved as a run folder (as CliTest makes one). */
  private static Path tinyModel(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("checkpoint"));
    Files.writeString(dir.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"reasonbrain\"}");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      var model = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.tiny());
      org.reasonbrain.core.nn.Checkpoints.save(model, dir.resolve("checkpoint/model.safetensors"), java.util.Map.of());
    }
    return dir;
  }

  @Test
  void editTasksThenEvalEditsGivesTheReportOfTheInProcessEval(@TempDir Path tmp) throws Exception {
    Path ds = tmp.resolve("ds");
    assertEquals(0, run("data", "build", "--out", ds.toString(), "--samples", "60").code());
    Path model = tinyModel(tmp.resolve("run"));
    String[] splits = {"--split", "test-id", "--split", "test-multistep"};

    // 1. The task list: one line per sample of the chosen splits, a chain's steps listed, edits at <id>.png.
    Path tasks = tmp.resolve("tasks.jsonl");
    Run t = run(concat(new String[] {"data", "tasks", ds.toString(), "--out", tasks.toString(), "--limit", "3"}, splits));
    assertEquals(0, t.code(), t.err());
    List<String> lines = Files.readAllLines(tasks);
    ObjectMapper json = new ObjectMapper();
    boolean chain = false;
    for (String line : lines) {
      JsonNode o = json.readTree(line);
      assertEquals(o.get("id").asText() + ".png", o.get("edit").asText());
      assertTrue(List.of("test-id", "test-multistep").contains(o.get("split").asText()), line);
      assertTrue(Files.isRegularFile(Path.of(o.get("source").asText())), line);
      chain |= o.has("steps") && o.get("steps").size() >= 2 && o.get("steps").get(0).asText().equals(o.get("instruction").asText());
    }
    assertTrue(lines.size() >= 4 && chain, "test-id and a chain of test-multistep: " + lines);

    // 2. Our model edits every task in batches; 3. the folder is judged like any other editor's.
    Path edits = tmp.resolve("edits");
    Run e = run("edit", "--tasks", tasks.toString(), "--out", edits.toString(), "--model", model.toString(), "--steps", "2", "--batch", "3");
    assertEquals(0, e.code(), e.err());
    try (var files = Files.list(edits)) {
      assertEquals(lines.size(), files.count(), "one PNG per task and no temporary file left");
    }
    Run ev = run(concat(new String[] {"eval", "--edits", edits.toString(), "--data", ds.toString(), "--limit", "3", "--out",
        tmp.resolve("r-edits").toString()}, splits));
    assertEquals(0, ev.code(), ev.err());
    Run in = run(concat(new String[] {"eval", "--model", model.toString(), "--data", ds.toString(), "--limit", "3", "--steps", "2",
        "--batch", "3", "--no-clip", "--out", tmp.resolve("r-model").toString()}, splits));
    assertEquals(0, in.code(), in.err());
    JsonNode a = json.readTree(tmp.resolve("r-edits/report.json").toFile());
    JsonNode b = json.readTree(tmp.resolve("r-model/report.json").toFile());
    for (String table : List.of("by_category", "by_split", "by_steps", "wrong_nearest", "strict_failures")) {
      assertEquals(b.get(table), a.get(table), table + " of eval --edits and eval --model");
    }
    // Not vacuous: the untrained model changes the pictures, and the image metrics of both runs agree to the last digit.
    assertTrue(a.path("by_split").path("total").path("l1").asDouble() > 0 && a.path("by_split").path("total").path("judged").asInt() > 0);
    assertEquals(0, a.path("edits").path("failed_to_read").asInt());
    for (String f : List.of("report.md", "accuracy.png", "gallery.html")) {
      assertTrue(Files.isRegularFile(tmp.resolve("r-edits").resolve(f)), f);
    }

    // A rerun keeps what is there (an interrupted run resumes); a lost edit is reported and counted, and the run goes on.
    Files.delete(edits.resolve(json.readTree(lines.get(0)).get("id").asText() + ".png"));
    Run again = run("edit", "--tasks", tasks.toString(), "--out", edits.toString(), "--model", model.toString(), "--steps", "2");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("edited 1 tasks") && again.out().contains(lines.size() - 1 + " already in the folder were kept"), again.out());
    String second = json.readTree(lines.get(1)).get("id").asText();
    Files.writeString(edits.resolve(second + ".png"), "broken");
    Run lost = run(concat(new String[] {"eval", "--edits", edits.toString(), "--data", ds.toString(), "--limit", "3", "--out",
        tmp.resolve("r-lost").toString()}, splits));
    assertEquals(0, lost.code(), lost.err());
    assertTrue(lost.out().contains("1 missing or unusable") && lost.out().contains(second + ".png: unreadable"), lost.out());
    assertTrue(Files.readString(tmp.resolve("r-lost/report.md")).contains("| " + second + " | " + second + ".png | unreadable"));
  }

  @Test
  void mistakesAreNamedWithoutAStackTrace(@TempDir Path tmp) throws Exception {
    Path ds = tmp.resolve("ds");
    assertEquals(0, run("data", "build", "--out", ds.toString(), "--samples", "24").code());
    Path tasks = tmp.resolve("tasks.jsonl");
    assertEquals(0, run("data", "tasks", ds.toString(), "--out", tasks.toString(), "--split", "test-id").code());
    String first = Files.readAllLines(tasks).get(0);
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, first + "\n{\"id\": \"x\", \"instruction\": \"What if?\"}\n");
    Path out = tmp.resolve("out");
    for (String[][] c : new String[][][] {
        {{"edit", "--tasks", bad.toString(), "--out", out.toString()}, {"bad.jsonl line 2: missing field 'source'"}},
        {{"edit", "--tasks", tmp.resolve("none.jsonl").toString(), "--out", out.toString()}, {"no such task file"}},
        {{"edit", "--tasks", tasks.toString(), "--image", "x.png", "--out", out.toString()}, {"do not apply"}},
        {{"edit", "--out", out.toString()}, {"give --image and --instruction"}},
        {{"data", "tasks", ds.toString(), "--out", tasks.toString(), "--split", "nope"}, {"no samples"}},
        {{"eval", "--edits", tmp.resolve("nowhere").toString(), "--data", ds.toString(), "--out", out.toString()}, {"no such edits folder"}},
        {{"eval", "--edits", out.toString(), "--model", ds.toString(), "--data", ds.toString(), "--out", out.toString()}, {"--model does not apply"}}}) {
      Run r = run(c[0]);
      assertEquals(2, r.code(), String.join(" ", c[0]) + ": " + r.err());
      assertTrue(r.err().startsWith("error: ") && r.err().contains(c[1][0]) && !r.err().contains("\tat "), r.err());
    }
    assertFalse(Files.exists(out), "nothing written by a refused command");
    assertEquals(0, run("data", "tasks", "--help").code());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
