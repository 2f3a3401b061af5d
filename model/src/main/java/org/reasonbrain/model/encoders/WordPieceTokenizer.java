package org.reasonbrain.model.encoders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, read from a Hugging Face {@code tokenizer.json}: lower-case,
 * strip accents, split on whitespace and punctuation, then greedy longest-match sub-words with "##"
 * continuations; [CLS] ... [SEP], truncated to the model's maximum length.
 */
public final class WordPieceTokenizer {
  private final Map<String, Integer> vocab = new HashMap<>();
  private final int cls;
  private final int sep;
  private final int unk;
  private final int maxLength;

  public WordPieceTokenizer(InputStream tokenizerJson, int maxLength) throws IOException {
    JsonNode root = new ObjectMapper().readTree(tokenizerJson);
    JsonNode v = root.path("model").path("vocab");
    if (!v.isObject() || v.size() == 0) {
      throw new IOException("tokenizer.json has no model.vocab");
    }
    v.fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    this.cls = id("[CLS]");
    this.sep = id("[SEP]");
    this.unk = id("[UNK]");
    this.maxLength = maxLength;
  }

  private int id(String token) throws IOException {
    Integer i = vocab.get(token);
    if (i == null) {
      throw new IOException("tokenizer.json lacks " + token);
    }
    return i;
  }

  public int vocabSize() {
    return vocab.size();
  }

  /** Token ids with [CLS] and [SEP]. */
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    ids.add(cls);
    for (String word : basicTokens(text)) {
      wordPiece(word, ids);
      if (ids.size() >= maxLength - 1) {
        break;
      }
    }
    while (ids.size() > maxLength - 1) {
      ids.remove(ids.size() - 1);
    }
    ids.add(sep);
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<String> basicTokens(String text) {
    String t = Normalizer.normalize(text.toLowerCase(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c)) {
        flush(cur, out);
      } else if (isPunctuation(c)) {
        flush(cur, out);
        out.add(String.valueOf(c));
      } else {
        cur.append(c);
      }
    }
    flush(cur, out);
    return out;
  }

  private static boolean isPunctuation(char c) {
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
        || Character.getType(c) == Character.OTHER_PUNCTUATION || Character.getType(c) == Character.DASH_PUNCTUATION;
  }

  private static void flush(StringBuilder cur, List<String> out) {
    if (cur.length() > 0) {
      out.add(cur.toString());
      cur.setLength(0);
    }
  }

  private void wordPiece(String word, List<Integer> out) {
    if (word.length() > 100) {
      out.add(unk);
      return;
    }
    List<Integer> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer found = null;
      while (start < end) {
        String sub = (start > 0 ? "##" : "") + word.substring(start, end);
        found = vocab.get(sub);
        if (found != null) {
          break;
        }
        end--;
      }
      if (found == null) {
        out.add(unk);
        return;
      }
      pieces.add(found);
      start = end;
    }
    out.addAll(pieces);
  }
}
