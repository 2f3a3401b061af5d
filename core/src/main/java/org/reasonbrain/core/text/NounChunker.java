package org.reasonbrain.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * Noun chunks with Apache OpenNLP's English tokenizer and part-of-speech models (UD English-EWT, from
 * Maven Central): stage (c) of the construction pipeline (the paper's spaCy step) and the object
 * phrases of the textual reasoning branch (the paper's GPT extraction). It lives in core because both
 * the data and the model side use it. A chunk is a maximal run of adjectives, numbers,
 * compound nouns and nouns that ends in a noun; determiners and pronouns are left out.
 * Models load once and are shared; the tagger itself is per thread (it is not thread-safe).
 */
public final class NounChunker {
  private static final String TOKEN_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
  private static final String POS_MODEL = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
  private static final Set<String> CHUNK_TAGS = Set.of("ADJ", "NOUN", "PROPN", "NUM");
  private static final Set<String> NOUN_TAGS = Set.of("NOUN", "PROPN");

  private static volatile NounChunker shared;

  private final TokenizerModel tokenizerModel;
  private final POSModel posModel;
  private final ThreadLocal<TokenizerME> tokenizer;
  private final ThreadLocal<POSTaggerME> tagger;

  private NounChunker() {
    this.tokenizerModel = load(TOKEN_MODEL, TokenizerModel::new);
    this.posModel = load(POS_MODEL, POSModel::new);
    this.tokenizer = ThreadLocal.withInitial(() -> new TokenizerME(tokenizerModel));
    this.tagger = ThreadLocal.withInitial(() -> new POSTaggerME(posModel));
  }

  /** The process-wide extractor (models are loaded on first use). */
  public static NounChunker get() {
    NounChunker e = shared;
    if (e == null) {
      synchronized (NounChunker.class) {
        if (shared == null) {
          shared = new NounChunker();
        }
        e = shared;
      }
    }
    return e;
  }

  @FunctionalInterface
  private interface Loader<T> {
    T load(InputStream in) throws IOException;
  }

  private static <T> T load(String resource, Loader<T> loader) {
    try (InputStream in = NounChunker.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenNLP model " + resource + " is not on the classpath "
            + "(org.apache.opennlp:opennlp-models-*-en)");
      }
      return loader.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load OpenNLP model " + resource, e);
    }
  }

  /** Tokens of a sentence. */
  public String[] tokens(String text) {
    return tokenizer.get().tokenize(text);
  }

  /** Universal POS tags of the tokens. */
  public String[] tags(String[] tokens) {
    return tagger.get().tag(tokens);
  }

  /** Noun chunks of {@code text}, lower-cased, without determiners, in order, without repeats. */
  public List<String> nounChunks(String text) {
    String[] toks = tokens(text);
    String[] tags = tags(toks);
    Set<String> out = new LinkedHashSet<>();
    List<String> run = new ArrayList<>();
    int lastNoun = -1;
    for (int i = 0; i <= toks.length; i++) {
      boolean inChunk = i < toks.length && CHUNK_TAGS.contains(tags[i]);
      if (inChunk) {
        run.add(toks[i].toLowerCase());
        if (NOUN_TAGS.contains(tags[i])) {
          lastNoun = run.size();
        }
        continue;
      }
      if (lastNoun > 0) {
        out.add(String.join(" ", run.subList(0, lastNoun)));
      }
      run.clear();
      lastNoun = -1;
    }
    return new ArrayList<>(out);
  }
}
