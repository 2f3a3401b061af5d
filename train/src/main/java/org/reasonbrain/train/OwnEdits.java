package org.reasonbrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.data.format.Sample;

/**
 * A model's own edits of training samples, as {@code reasonbrain model own-edits} writes them: for each sample id the
 * sampler's latent before decoding ([z, h, w], scaled as the decoder takes it) and the instruction's edit cells the
 * pipeline closes the decoder's source branch on ([1, h, w], 1 = edit; absent for a model without an edit mask). The
 * decoder stage with {@code --own-edits} decodes these latents beside each sample's source and learns to draw the
 * sample's true target from them: the decoder meets the latents the denoiser actually makes, not only the encoder's.
 */
public final class OwnEdits {
  private final List<Sample> samples;
  private final float[] latents;
  private final float[] cells;
  private final long[] shape;
  private final Path file;

  private OwnEdits(Path file, List<Sample> samples, float[] latents, float[] cells, long[] shape) {
    this.file = file;
    this.samples = samples;
    this.latents = latents;
    this.cells = cells;
    this.shape = shape;
  }

  /**
   * Reads {@code file} and finds each of its ids among {@code train} (the run's train samples).
   *
   * @throws IOException naming the file and what is wrong: not such a file, tensors of the wrong shapes, an id the
   *     dataset does not hold, latents of another size than {@code latentShape} ([z, h, w])
   */
  public static OwnEdits load(Path file, List<Sample> train, long[] latentShape) throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    Safetensors.Tensor lat = c.tensors().get("latents");
    if (lat == null || lat.shape().length != 4) {
      throw new IOException(file + ": no 'latents' tensor of shape [N, z, h, w] (not written by 'reasonbrain model own-edits'?)");
    }
    long[] s = lat.shape();
    if (s[1] != latentShape[0] || s[2] != latentShape[1] || s[3] != latentShape[2]) {
      throw new IOException(file + ": latents of shape " + Arrays.toString(Arrays.copyOfRange(s, 1, 4)) + " do not fit this model's "
          + Arrays.toString(latentShape));
    }
    Safetensors.Tensor cel = c.tensors().get("edit_cells");
    if (cel != null && !Arrays.equals(cel.shape(), new long[] {s[0], 1, s[2], s[3]})) {
      throw new IOException(file + ": 'edit_cells' has shape " + Arrays.toString(cel.shape()) + ", not [" + s[0] + ", 1, " + s[2] + ", "
          + s[3] + "]");
    }
    String ids = c.metadata() == null ? null : c.metadata().get("ids");
    if (ids == null) {
      throw new IOException(file + ": no 'ids' in its metadata");
    }
    JsonNode arr = new ObjectMapper().readTree(ids);
    if (!arr.isArray() || arr.size() != s[0]) {
      throw new IOException(file + ": metadata 'ids' must list " + s[0] + " sample ids, one per latent");
    }
    Map<String, Sample> byId = new HashMap<>();
    for (Sample x : train) {
      byId.put(x.id(), x);
    }
    List<Sample> picked = new ArrayList<>();
    for (JsonNode id : arr) {
      Sample x = byId.get(id.asText());
      if (x == null) {
        throw new IOException(file + ": sample '" + id.asText() + "' is not in this dataset's train split (made from another dataset?)");
      }
      picked.add(x);
    }
    return new OwnEdits(file, List.copyOf(picked), lat.toFloats(), cel == null ? null : cel.toFloats(), s.clone());
  }

  public Path file() {
    return file;
  }

  public int size() {
    return samples.size();
  }

  public Sample sample(int i) {
    return samples.get(i);
  }

  /** Whether the file holds the instruction's edit cells. */
  public boolean hasEditCells() {
    return cells != null;
  }

  /** The latents of rows {@code idx}, concatenated ([len, z, h, w] row-major). */
  public float[] latents(int[] idx) {
    return rows(latents, idx, shape[1] * shape[2] * shape[3]);
  }

  /** The edit cells of rows {@code idx} ([len, 1, h, w]); null without them. */
  public float[] editCells(int[] idx) {
    return cells == null ? null : rows(cells, idx, shape[2] * shape[3]);
  }

  public long[] latentShape() {
    return Arrays.copyOfRange(shape, 1, 4);
  }

  private static float[] rows(float[] all, int[] idx, long per) {
    int p = Math.toIntExact(per);
    float[] out = new float[idx.length * p];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(all, idx[i] * p, out, i * p, p);
    }
    return out;
  }
}
