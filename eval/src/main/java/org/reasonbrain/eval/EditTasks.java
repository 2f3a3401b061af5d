package org.reasonbrain.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/**
 * The task list an editor outside this project works from ({@code reasonbrain data tasks}), and that
 * {@code reasonbrain edit --tasks} reads for our own model. One JSON object per line:
 * <pre>
 * {"id": "rw000123", "split": "test-id", "category": "physical", "source": "/abs/path/images/rw000123_src.png",
 *  "instruction": "What if ...?", "steps": ["What if ...?", "And then ...?"], "set": "...", "member": "rival",
 *  "edit": "rw000123.png"}
 * </pre>
 * {@code source} is an absolute path; {@code steps} is present only for a multi-step chain (all its instructions in
 * order, the first equal to {@code instruction}; only the image after the last step is judged); {@code set} and
 * {@code member} only for a row of a counterfactual set; {@code edit} is where the edit goes, relative to the edits
 * folder that {@code eval --edits} reads: always {@code <id>.png}. docs/score-your-editor.md documents the format.
 */
public final class EditTasks {
  /** A sample id that is also a safe file name. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private EditTasks() {}

  /** One case to edit. {@code steps} is empty for a single instruction. */
  public record Task(String id, String split, String category, String source, String instruction, List<String> steps, String set,
      String member, String edit) {
    public Task {
      steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The instructions to apply in order (one for an ordinary case). */
    public List<String> instructions() {
      return steps.isEmpty() ? List.of(instruction) : steps;
    }
  }

  /** Where the edit of sample {@code id} is expected in an edits folder. */
  public static String editFile(String id) {
    return id + ".png";
  }

  /** The task of one sample of {@code ds} (its source as an absolute path). */
  public static Task of(Dataset ds, Sample s) {
    if (!ID.matcher(s.id()).matches()) {
      throw new IllegalArgumentException(ds.dir().resolve(Dataset.MANIFEST) + ": sample id '" + s.id()
          + "' cannot name a file (letters, digits, '.', '_' and '-' only)");
    }
    List<String> steps = s.steps().isEmpty() ? List.of() : s.steps().stream().map(Sample.StepRef::instruction).toList();
    return new Task(s.id(), s.split(), s.category(), ds.dir().resolve(s.source()).toAbsolutePath().normalize().toString(),
        s.instruction(), steps, s.set(), s.member(), editFile(s.id()));
  }

  /** Writes the tasks of {@code samples}, one line each, atomically. */
  public static void write(Path file, Dataset ds, List<Sample> samples) throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (Sample s : samples) {
      Task t = of(ds, s);
      ObjectNode o = json.createObjectNode();
      o.put("id", t.id());
      o.put("split", t.split());
      o.put("category", t.category());
      o.put("source", t.source());
      o.put("instruction", t.instruction());
      if (!t.steps().isEmpty()) {
        o.set("steps", json.valueToTree(t.steps()));
      }
      if (t.set() != null) {
        o.put("set", t.set());
        o.put("member", t.member());
      }
      o.put("edit", t.edit());
      sb.append(json.writeValueAsString(o)).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /**
   * Reads a task file; a mistake is an {@link IllegalArgumentException} naming the file, the line and the field.
   * Blank lines are skipped; ids must be unique; every source must exist.
   */
  public static List<Task> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such task file (write one with 'reasonbrain data tasks DATA --out " + file + "')");
    }
    ObjectMapper json = new ObjectMapper();
    List<Task> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      JsonNode o;
      try {
        o = json.readTree(line);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(where + ": not a JSON object (" + e.getOriginalMessage() + ")");
      }
      if (o == null || !o.isObject()) {
        throw new IllegalArgumentException(where + ": not a JSON object");
      }
      String id = text(o, "id", where, true);
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(where + ": field 'id' must be letters, digits, '.', '_' or '-' (it names a file), got '" + id + "'");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException(where + ": field 'id': duplicate id '" + id + "'");
      }
      String source = text(o, "source", where, true);
      if (!Files.isRegularFile(Path.of(source))) {
        throw new IllegalArgumentException(where + ": field 'source': no such file " + source);
      }
      String instruction = text(o, "instruction", where, true);
      List<String> steps = new ArrayList<>();
      JsonNode st = o.get("steps");
      if (st != null && !st.isNull()) {
        if (!st.isArray() || st.isEmpty()) {
          throw new IllegalArgumentException(where + ": field 'steps' must be a non-empty list of instructions");
        }
        for (JsonNode x : st) {
          if (!x.isTextual() || x.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": field 'steps' must hold only non-empty strings, got " + x);
          }
          steps.add(x.asText());
        }
        if (!steps.get(0).equals(instruction)) {
          throw new IllegalArgumentException(where + ": field 'steps': the first step must be the 'instruction'");
        }
      }
      String edit = text(o, "edit", where, false);
      if (edit != null && !edit.equals(editFile(id))) {
        throw new IllegalArgumentException(where + ": field 'edit' must be '" + editFile(id) + "' (where eval --edits looks), got '" + edit + "'");
      }
      String set = text(o, "set", where, false);
      String member = text(o, "member", where, false);
      out.add(new Task(id, text(o, "split", where, false), text(o, "category", where, false), source, instruction, steps, set, member,
          editFile(id)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no tasks");
    }
    return out;
  }

  private static String text(JsonNode o, String field, String where, boolean required) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + ": missing field '" + field + "'");
      }
      return null;
    }
    if (!v.isTextual() || (required && v.asText().isBlank())) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a non-empty string, got " + v);
    }
    return v.asText();
  }
}
