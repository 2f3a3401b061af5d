package org.reasonbrain.data.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes manifest lines. Writing has a fixed field order so that the same dataset gives
 * the same bytes. Reading accepts what a person writes by hand: masks as plain path strings or as
 * {label, path} objects, and a missing optional field.
 */
public final class ManifestCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Required fields of every line. */
  public static final List<String> REQUIRED = List.of("id", "split", "category", "source", "target",
      "instruction", "initial_instruction", "objects");

  private ManifestCodec() {}

  /** A manifest line that cannot be used: the field and what is wrong with it. */
  public static final class BadLineException extends Exception {
    private final String field;

    public BadLineException(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public static String encode(Sample s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", s.id());
    o.put("split", s.split());
    o.put("category", s.category());
    if (s.family() != null) {
      o.put("family", s.family());
    }
    if (s.set() != null) {
      o.put("set", s.set());
      o.put("member", s.member());
    }
    o.put("source", s.source());
    o.put("target", s.target());
    o.put("instruction", s.instruction());
    o.put("initial_instruction", s.initialInstruction());
    ArrayNode objs = o.putArray("objects");
    s.objects().forEach(objs::add);
    if (!s.masks().isEmpty()) {
      ArrayNode m = o.putArray("masks");
      s.masks().forEach(r -> m.addObject().put("label", r.label()).put("path", r.path()));
    }
    if (s.editMask() != null) {
      o.put("edit_mask", s.editMask());
    }
    if (!s.distractorTargets().isEmpty()) {
      ArrayNode d = o.putArray("distractor_targets");
      s.distractorTargets().forEach(r -> d.addObject().put("path", r.path()).put("reason", r.reason()));
    }
    if (!s.steps().isEmpty()) {
      ArrayNode st = o.putArray("steps");
      for (Sample.StepRef r : s.steps()) {
        ObjectNode n = st.addObject();
        n.put("instruction", r.instruction());
        n.put("initial_instruction", r.initialInstruction());
        n.put("target", r.target());
        if (r.editMask() != null) {
          n.put("edit_mask", r.editMask());
        }
      }
    }
    return o.toString();
  }

  public static Sample decode(String line) throws BadLineException {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLineException("(json)", "not valid JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new BadLineException("(json)", "expected a JSON object");
    }
    for (String f : REQUIRED) {
      if (!n.has(f) || n.get(f).isNull()) {
        throw new BadLineException(f, "missing required field '" + f + "'");
      }
    }
    String id = text(n, "id", false);
    String instruction = text(n, "instruction", false);
    String initial = text(n, "initial_instruction", true);
    List<String> objects = new ArrayList<>();
    JsonNode objs = n.get("objects");
    if (!objs.isArray()) {
      throw new BadLineException("objects", "'objects' must be a list of strings");
    }
    for (JsonNode x : objs) {
      if (!x.isTextual()) {
        throw new BadLineException("objects", "'objects' must be a list of strings");
      }
      objects.add(x.asText());
    }
    List<Sample.MaskRef> masks = new ArrayList<>();
    if (n.has("masks") && !n.get("masks").isNull()) {
      JsonNode m = n.get("masks");
      if (!m.isArray()) {
        throw new BadLineException("masks", "'masks' must be a list");
      }
      int i = 0;
      for (JsonNode x : m) {
        if (x.isTextual()) {
          masks.add(new Sample.MaskRef("object" + i, x.asText()));
        } else if (x.isObject() && x.path("path").isTextual()) {
          masks.add(new Sample.MaskRef(x.path("label").asText("object" + i), x.get("path").asText()));
        } else {
          throw new BadLineException("masks", "masks[" + i + "] must be a path or {label, path}");
        }
        i++;
      }
    }
    List<Sample.DistractorRef> ds = new ArrayList<>();
    if (n.has("distractor_targets") && !n.get("distractor_targets").isNull()) {
      JsonNode d = n.get("distractor_targets");
      if (!d.isArray()) {
        throw new BadLineException("distractor_targets", "'distractor_targets' must be a list");
      }
      int i = 0;
      for (JsonNode x : d) {
        if (x.isTextual()) {
          ds.add(new Sample.DistractorRef(x.asText(), "unspecified"));
        } else if (x.isObject() && x.path("path").isTextual()) {
          ds.add(new Sample.DistractorRef(x.get("path").asText(), x.path("reason").asText("unspecified")));
        } else {
          throw new BadLineException("distractor_targets", "distractor_targets[" + i + "] must be a path or {path, reason}");
        }
        i++;
      }
    }
    List<Sample.StepRef> steps = new ArrayList<>();
    if (n.has("steps") && !n.get("steps").isNull()) {
      JsonNode st = n.get("steps");
      if (!st.isArray()) {
        throw new BadLineException("steps", "'steps' must be a list");
      }
      int i = 0;
      for (JsonNode x : st) {
        if (!x.isObject() || !x.path("instruction").isTextual() || !x.path("target").isTextual()) {
          throw new BadLineException("steps", "steps[" + i + "] needs 'instruction' and 'target'");
        }
        steps.add(new Sample.StepRef(x.get("instruction").asText(), x.path("initial_instruction").asText(""),
            x.get("target").asText(), x.path("edit_mask").isTextual() ? x.get("edit_mask").asText() : null));
        i++;
      }
    }
    String editMask = n.path("edit_mask").isTextual() ? n.get("edit_mask").asText() : null;
    String family = n.path("family").isTextual() ? n.get("family").asText() : null;
    String set = optionalText(n, "set");
    String member = optionalText(n, "member");
    if (set != null && member == null) {
      throw new BadLineException("member", "a row with 'set' needs 'member' (one of " + Sample.MEMBERS + ")");
    }
    if (member != null && set == null) {
      throw new BadLineException("set", "a row with 'member' needs 'set' (the id its counterfactual set shares)");
    }
    if (member != null && !Sample.MEMBERS.contains(member)) {
      throw new BadLineException("member", "'member' must be one of " + Sample.MEMBERS + ", got '" + member + "'");
    }
    return new Sample(id, text(n, "split", false), text(n, "category", false), family, text(n, "source", false),
        text(n, "target", false), instruction, initial, objects, masks, editMask, ds, steps, set, member);
  }

  /** An optional non-empty string field: null when absent or JSON null. */
  private static String optionalText(JsonNode n, String field) throws BadLineException {
    if (!n.has(field) || n.get(field).isNull()) {
      return null;
    }
    return text(n, field, false);
  }

  private static String text(JsonNode n, String field, boolean mayBeEmpty) throws BadLineException {
    JsonNode v = n.get(field);
    if (!v.isTextual()) {
      throw new BadLineException(field, "'" + field + "' must be a string");
    }
    if (!mayBeEmpty && v.asText().isBlank()) {
      throw new BadLineException(field, "'" + field + "' must not be empty");
    }
    return v.asText();
  }
}
