package org.reasonbrain.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.infer.InputCheck;

/**
 * The edit server: the OpenAI Images edit API ({@code POST /v1/images/edits}), multi-step chains
 * ({@code POST /v1/edits/chain}), jobs with progress for the web page ({@code POST /v1/jobs},
 * {@code GET /v1/jobs/{id}}), {@code GET /healthz} and the page at {@code /}. Requests are validated
 * before they reach the model (size, content type, pixel count read from the header, instruction
 * length); nothing from a request becomes a file path. Every answer with an edit carries a {@code warnings} array
 * (empty when none): the input is far from the training scenes, not square, or shrunk a lot ({@link InputCheck},
 * docs/ood-warning.md).
 */
public final class EditServer implements AutoCloseable {
  /**
   * Limits of one server. Against slow or abusive clients: a connection that sends nothing for
   * {@code idleMillis} is closed (headers that never end, idle keep-alive connections); a request body
   * that arrives slower than {@code minBodyBytesPerSecond} is cut off with 408 (a trickled upload holds a
   * worker thread while it is read); request headers over {@code maxHeaderBytes} get 431. Waiting
   * connections hold no worker thread, and edits run one at a time behind a queue of {@code queueCapacity}.
   */
  public record Limits(long maxUploadBytes, long maxPixels, int queueCapacity, long timeoutMillis, long idleMillis,
      int minBodyBytesPerSecond, int maxHeaderBytes) {
    public Limits(long maxUploadBytes, long maxPixels, int queueCapacity, long timeoutMillis) {
      this(maxUploadBytes, maxPixels, queueCapacity, timeoutMillis, 15_000, 4096, 16 * 1024);
    }

    public static Limits defaults() {
      return new Limits(8L * 1024 * 1024, 4096L * 4096, 8, 120_000);
    }
  }

  private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/jpg", "image/gif", "image/bmp");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EditPipeline pipeline;
  private final String modelName;
  private final Limits limits;
  private final EditQueue queue;
  private final Map<String, Job> jobs = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Job> e) {
      return size() > 64;
    }
  });
  private final Javalin app;

  public EditServer(EditPipeline pipeline, String modelName, Limits limits) {
    this.pipeline = pipeline;
    this.modelName = modelName;
    this.limits = limits;
    this.queue = new EditQueue(limits.queueCapacity());
    this.app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = limits.maxUploadBytes() + 64 * 1024;
      // Jetty's own part limit sits above ours, so that an image just over the limit gets our precise error (image_too_large).
      cfg.jetty.multipartConfig.maxFileSize(limits.maxUploadBytes() + 64 * 1024, io.javalin.config.SizeUnit.BYTES);
      cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxUploadBytes() + 64 * 1024), io.javalin.config.SizeUnit.BYTES);
      cfg.jetty.multipartConfig.maxTotalRequestSize(limits.maxUploadBytes() + 64 * 1024, io.javalin.config.SizeUnit.BYTES);
      cfg.jetty.modifyHttpConfiguration(hc -> {
        hc.setRequestHeaderSize(limits.maxHeaderBytes());
        hc.setMinRequestDataRate(limits.minBodyBytesPerSecond());
        hc.setIdleTimeout(limits.idleMillis());
      });
    });
    app.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource("web/index.html")));
    app.get("/healthz", ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok").put("model", modelName)
        .put("queue", queue.load()).put("queue_capacity", queue.capacity())));
    app.get("/examples", ctx -> ctx.contentType("application/json").result(resource("web/examples/examples.json")));
    app.get("/v1/defaults", this::defaults);
    app.get("/examples/{name}", this::example);
    app.post("/v1/images/edits", this::imagesEdit);
    app.post("/v1/edits/chain", this::chain);
    app.post("/v1/jobs", this::createJob);
    app.get("/v1/jobs/{id}", this::jobStatus);
    app.exception(ApiError.class, (e, ctx) -> error(ctx, e));
    app.exception(Exception.class, (e, ctx) -> error(ctx, classify(e)));
    app.error(404, ctx -> {
      if (ctx.result() == null || !ctx.result().startsWith("{\"error\"")) {
        error(ctx, new ApiError(404, "invalid_request_error", null, "not_found", "No route " + ctx.method() + " " + ctx.path()));
      }
    });
    app.error(413, ctx -> {
      // Jetty's own refusal of an oversized body arrives without an error object.
      if (ctx.result() == null || !ctx.result().startsWith("{\"error\"")) {
        error(ctx, new ApiError(413, "invalid_request_error", "image", "request_too_large",
            "The request is larger than " + limits.maxUploadBytes() + " bytes."));
      }
    });
  }

  /** Starts listening on {@code host:port} (port 0 picks a free one); returns the port. */
  public int start(String host, int port) {
    app.start(host, port);
    // The connectors exist once started; their idle timeout closes connections that send nothing.
    for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof org.eclipse.jetty.server.AbstractConnector a) {
        a.setIdleTimeout(limits.idleMillis());
      }
    }
    return app.port();
  }

  // ---------------------------------------------------------------- routes

  /** A bundled example image, by a name listed in examples.json (never a path taken from the request). */
  private void example(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    for (var e : JSON.readTree(resource("web/examples/examples.json"))) {
      if (e.path("file").asText().equals(name)) {
        try (InputStream in = EditServer.class.getClassLoader().getResourceAsStream("web/examples/" + e.path("file").asText())) {
          ctx.contentType("image/png").result(in.readAllBytes());
          return;
        }
      }
    }
    throw new ApiError(404, "invalid_request_error", "name", "not_found", "No bundled example named '" + name + "'.");
  }

  private void imagesEdit(Context ctx) throws Exception {
    EditRequest req = parse(ctx, false);
    int n = intParam(ctx, "n", 1, 1, 4);
    String format = ctx.formParam("response_format");
    if (format != null && !format.equals("b64_json")) {
      throw ApiError.invalid("response_format", "unsupported_response_format",
          "Only response_format=b64_json is supported (this server keeps no files to link to).");
    }
    List<EditPipeline.Result> results = new ArrayList<>();
    InputCheck.Report[] check = new InputCheck.Report[1];
    for (int i = 0; i < n; i++) {
      EditPipeline.Options o = req.options.withSeed(req.options.seed() + i);
      boolean first = i == 0;
      results.add(await(queue.submit(() -> {
        if (first) {
          check[0] = pipeline.checkInput(req.image);   // in the queue: the pipeline runs one thing at a time
        }
        return pipeline.edit(req.image, req.prompts.get(0), o);
      })));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("created", System.currentTimeMillis() / 1000);
    putWarnings(out, check[0]);
    ArrayNode data = out.putArray("data");
    for (EditPipeline.Result r : results) {
      data.add(resultNode(r, req.prompts.get(0), req.output(r.image())));
    }
    json(ctx, 200, out);
  }

  private void chain(Context ctx) throws Exception {
    EditRequest req = parse(ctx, true);
    InputCheck.Report[] check = new InputCheck.Report[1];
    List<EditPipeline.Result> results = await(queue.submit(() -> {
      check[0] = pipeline.checkInput(req.image);
      return pipeline.chain(req.image, req.prompts, req.options);
    }));
    ObjectNode out = JSON.createObjectNode();
    out.put("created", System.currentTimeMillis() / 1000);
    putWarnings(out, check[0]);
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < results.size(); i++) {
      data.add(resultNode(results.get(i), req.prompts.get(i), req.output(results.get(i).image())));
    }
    json(ctx, 200, out);
  }

  /** A job for the web page: the edit runs in the queue; the page polls its progress. */
  private void createJob(Context ctx) throws Exception {
    EditRequest req = parse(ctx, false);
    Job job = new Job(UUID.randomUUID().toString(), req.options.steps());
    Future<EditPipeline.Result> f = queue.submit(() -> {
      job.status = "running";
      try {
        job.check = pipeline.checkInput(req.image);
        EditPipeline.Result r = pipeline.edit(req.image, req.prompts.get(0), req.options, (d, t) -> job.step = d);
        BufferedImage shown = req.output(r.image());
        job.result = resultNode(r, req.prompts.get(0), shown);
        job.source = Base64.getEncoder().encodeToString(Images.pngBytes(Images.resize(Images.toRgb(req.image), shown.getWidth(),
            shown.getHeight())));
        job.status = "done";
        return r;
      } catch (RuntimeException e) {
        job.error = e.getMessage();
        job.status = "error";
        throw e;
      }
    });
    job.future = f;
    jobs.put(job.id, job);
    json(ctx, 202, JSON.createObjectNode().put("id", job.id).put("status", job.status));
  }

  private void jobStatus(Context ctx) {
    Job job = jobs.get(ctx.pathParam("id"));
    if (job == null) {
      throw new ApiError(404, "invalid_request_error", "id", "job_not_found", "No job with this id (jobs are kept for a while only).");
    }
    ObjectNode out = JSON.createObjectNode().put("id", job.id).put("status", job.status).put("step", job.step).put("total", job.total);
    putWarnings(out, job.check);
    if (job.result != null) {
      out.set("result", job.result);
      out.put("source_b64", job.source);
    }
    if (job.error != null) {
      out.put("error", job.error);
    }
    json(ctx, 200, out);
  }

  private static final class Job {
    final String id;
    final int total;
    volatile String status = "queued";
    volatile int step;
    volatile ObjectNode result;
    volatile String source;
    volatile InputCheck.Report check;
    volatile String error;
    volatile Future<?> future;

    Job(String id, int total) {
      this.id = id;
      this.total = total;
    }
  }

  // ---------------------------------------------------------------- request parsing and validation

  /** size: the requested output {width, height}, or null for the image's own size. */
  /** The largest side of a requested output size. */
  static final int MAX_SIDE = 2048;

  private record EditRequest(BufferedImage image, List<String> prompts, EditPipeline.Options options, int[] size) {
    /** The edit (at the model's resolution) carried onto the user's image at its own size, then resized to {@code size} if asked. */
    BufferedImage output(BufferedImage edit) {
      BufferedImage full = org.reasonbrain.infer.FullResolution.carry(image, edit);
      return size == null ? full : Images.resize(full, size[0], size[1]);
    }
  }

  private EditRequest parse(Context ctx, boolean chain) {
    String ct = ctx.contentType() == null ? "" : ctx.contentType();
    if (!ct.toLowerCase().startsWith("multipart/form-data")) {
      throw ApiError.invalid(null, "invalid_content_type", "Send multipart/form-data with an 'image' file and a 'prompt'.");
    }
    UploadedFile file;
    List<String> prompts;
    try {
      file = ctx.uploadedFile("image");
      prompts = chain ? ctx.formParams("prompt") : ctx.formParams("prompt").stream().limit(1).toList();
    } catch (ApiError e) {
      throw e;
    } catch (Exception e) {
      // Whatever the multipart parser throws here is the body's fault (fuzzing found an unterminated quote
      // in a part's name surfacing as IllegalStateException, and a bad Content-Disposition as an undeclared
      // IOException from Kotlin): too large, or malformed; never a 500.
      ApiError c = classify(e);
      throw c.status() == 500 ? ApiError.invalid(null, "malformed_multipart", "The multipart body could not be parsed.") : c;
    }
    if (file == null) {
      throw ApiError.invalid("image", "missing_image", "The 'image' file is required.");
    }
    String type = file.contentType() == null ? "" : file.contentType().toLowerCase();
    if (!IMAGE_TYPES.contains(type)) {
      throw new ApiError(415, "invalid_request_error", "image", "unsupported_image_type",
          "The image must be PNG, JPEG, GIF or BMP, not '" + (type.isEmpty() ? "unknown" : type) + "'.");
    }
    if (file.size() > limits.maxUploadBytes()) {
      throw new ApiError(413, "invalid_request_error", "image", "image_too_large",
          "The image has " + file.size() + " bytes; the limit is " + limits.maxUploadBytes() + ".");
    }
    byte[] bytes;
    try (InputStream in = file.content()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw ApiError.invalid("image", "unreadable_image", "The image upload could not be read.");
    }
    BufferedImage image;
    try {
      // The header is checked before decoding: a decompression bomb is refused here.
      Images.Dimensions d = Images.probe(bytes, "image");
      if ((long) d.width() * d.height() > limits.maxPixels()) {
        throw new ApiError(413, "invalid_request_error", "image", "image_too_many_pixels",
            "The image is " + d.width() + "x" + d.height() + "; at most " + limits.maxPixels() + " pixels are accepted.");
      }
      image = Images.decode(bytes, "image", limits.maxPixels());
    } catch (Images.BadImageException e) {
      throw ApiError.invalid("image", "invalid_image", e.getMessage());
    }
    if (prompts.isEmpty() || prompts.stream().anyMatch(p -> p == null || p.isBlank())) {
      throw ApiError.invalid("prompt", "missing_prompt", chain ? "Every 'prompt' of a chain must be non-empty, and there must be at least one."
          : "The 'prompt' (the hypothetical instruction) is required and must not be empty.");
    }
    if (prompts.size() > 3 && chain) {
      throw ApiError.invalid("prompt", "chain_too_long", "A chain has at most 3 prompts.");
    }
    for (String p : prompts) {
      if (p.length() > EditPipeline.MAX_INSTRUCTION) {
        throw ApiError.invalid("prompt", "prompt_too_long", "The prompt has " + p.length() + " characters; the limit is " + EditPipeline.MAX_INSTRUCTION + ".");
      }
    }
    String size = ctx.formParam("size");
    int[] outSize = null;
    if (size != null && !size.isBlank()) {
      if (!size.strip().matches("\\d{1,5}x\\d{1,5}")) {
        throw ApiError.invalid("size", "invalid_size", "size must look like WIDTHxHEIGHT, for example 512x512.");
      }
      String[] wh = size.strip().split("x");
      outSize = new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
      if (outSize[0] < 16 || outSize[1] < 16 || outSize[0] > MAX_SIDE || outSize[1] > MAX_SIDE) {
        throw ApiError.invalid("size", "invalid_size", "each side of size must be between 16 and " + MAX_SIDE + ", got " + size.strip() + ".");
      }
    }
    int steps = intParam(ctx, "steps", EditPipeline.Options.defaults().steps(), 1, 100);
    double text = doubleParam(ctx, "text_guidance", EditPipeline.Options.defaults().textGuidance(), 0, 30);
    double img = doubleParam(ctx, "image_guidance", EditPipeline.Options.defaults().imageGuidance(), 0, 30);
    double preserve = doubleParam(ctx, "preserve", EditPipeline.Options.defaults().preserve(), 0, 10);
    String spacingName = ctx.formParam("spacing");
    org.reasonbrain.sampling.DdimSampler.Spacing spacing;
    try {
      spacing = org.reasonbrain.sampling.DdimSampler.Spacing.parse(spacingName == null || spacingName.isBlank() ? EditPipeline.Options.SPACING : spacingName);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("spacing", "invalid_value", e.getMessage() + ".");
    }
    long seed = (long) intParam(ctx, "seed", 0, 0, Integer.MAX_VALUE);
    double eta = doubleParam(ctx, "eta", EditPipeline.Options.defaults().eta(), 0, 1);
    return new EditRequest(image, prompts, new EditPipeline.Options(steps, text, img, seed, preserve, spacing, eta), outSize);
  }

  /** The sampling defaults an edit request gets for each field it leaves out (the web page fills its form from them). */
  private void defaults(Context ctx) {
    EditPipeline.Options d = EditPipeline.Options.defaults();
    json(ctx, 200, JSON.createObjectNode().put("steps", d.steps()).put("text_guidance", d.textGuidance())
        .put("image_guidance", d.imageGuidance()).put("seed", d.seed()).put("preserve", d.preserve())
        .put("spacing", d.spacing().name().toLowerCase()).put("eta", d.eta()));
  }

  private static int intParam(Context ctx, String name, int def, int min, int max) {
    String v = ctx.formParam(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      int x = Integer.parseInt(v.trim());
      if (x < min || x > max) {
        throw ApiError.invalid(name, "invalid_value", name + " must be between " + min + " and " + max + ", got " + x + ".");
      }
      return x;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(name, "invalid_value", name + " must be a whole number, got '" + v + "'.");
    }
  }

  private static double doubleParam(Context ctx, String name, double def, double min, double max) {
    String v = ctx.formParam(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      double x = Double.parseDouble(v.trim());
      if (!(x >= min && x <= max)) {
        throw ApiError.invalid(name, "invalid_value", name + " must be between " + min + " and " + max + ", got " + x + ".");
      }
      return x;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(name, "invalid_value", name + " must be a number, got '" + v + "'.");
    }
  }

  private <T> T await(Future<T> f) throws Exception {
    try {
      return f.get(limits.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new ApiError(504, "server_error", null, "timeout", "The edit took longer than " + limits.timeoutMillis() / 1000 + " s.");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IllegalArgumentException iae) {
        throw ApiError.invalid("prompt", "invalid_request", iae.getMessage());
      }
      throw c instanceof Exception ex ? ex : new RuntimeException(c);
    }
  }

  // ---------------------------------------------------------------- responses

  /** The input check's sentences as {@code warnings} (empty before the check ran, and when it found nothing). */
  private static void putWarnings(ObjectNode out, InputCheck.Report check) {
    ArrayNode w = out.putArray("warnings");
    if (check != null) {
      check.warnings().forEach(w::add);
    }
  }

  private static ObjectNode resultNode(EditPipeline.Result r, String prompt, BufferedImage shown) {
    ObjectNode d = JSON.createObjectNode();
    d.put("b64_json", Base64.getEncoder().encodeToString(Images.pngBytes(shown)));
    d.put("revised_prompt", prompt);
    ObjectNode rb = d.putObject("reasonbrain");
    ArrayNode objs = rb.putArray("objects");
    r.objects().forEach(objs::add);
    rb.put("category", r.category());
    rb.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
    return d;
  }

  private static ApiError classify(Exception e) {
    if (e instanceof ApiError a) {
      return a;
    }
    String msg = String.valueOf(e.getMessage());
    String name = e.getClass().getName();
    String low = (msg + " " + (e.getCause() == null ? "" : e.getCause().getMessage())).toLowerCase();
    if (low.contains("exceed") || low.contains("too large") || low.contains("max file size") || low.contains("maxfilesize")) {
      return new ApiError(413, "invalid_request_error", "image", "request_too_large", "The request is too large.");
    }
    if (name.contains("Multipart") || name.contains("BadMessage") || low.contains("multipart") || low.contains("boundary")) {
      return ApiError.invalid(null, "malformed_multipart", "The multipart body could not be parsed.");
    }
    return new ApiError(500, "server_error", null, "internal_error", "Internal error: " + e.getClass().getSimpleName());
  }

  private static void error(Context ctx, ApiError e) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode err = body.putObject("error");
    err.put("message", e.getMessage());
    err.put("type", e.type());
    if (e.param() == null) {
      err.putNull("param");
    } else {
      err.put("param", e.param());
    }
    err.put("code", e.code());
    if (e.status() == 429) {
      ctx.header("Retry-After", "5");
    }
    json(ctx, e.status(), body);
  }

  private static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = EditServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    app.stop();
    queue.close();
  }
}
