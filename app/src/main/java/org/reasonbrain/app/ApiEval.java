package org.reasonbrain.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.EditTasks;
import org.reasonbrain.eval.EditsFolder;

/**
 * {@code reasonbrain eval --editor-url URL}: has an OpenAI-compatible images endpoint ({@code POST /v1/images/edits})
 * edit every sample {@code eval} would score, a chain step by step (each step's answer is the next step's image),
 * then judges the edits as {@code eval --edits} does (docs/score-your-editor.md, "Over an API").
 *
 * <p>Requests run {@code concurrency} at a time, each with a timeout; 429, 408, 5xx, timeouts and broken connections
 * are retried up to {@code retries} times with exponential backoff (or after the answer's {@code Retry-After}). Every
 * answer is kept in {@code OUT/edits} ({@code <id>.png}, a chain's earlier steps {@code <id>_step<k>.png}), written
 * through a temporary file renamed into place, and the HTTP outcome of each request in {@code OUT/requests/<request>.json}:
 * a rerun sends only the requests whose image is not there yet, so an interrupted run resumes and a paid API is never
 * billed twice for one request. The API key is read from an environment variable, never from the command line or a file.
 */
final class ApiEval {
  /** The path of the edit call under the server's base URL. */
  static final String ENDPOINT = "/v1/images/edits";
  /** The environment variable the key is read from when --api-key-env is not given. */
  static final String DEFAULT_KEY_ENV = "OPENAI_API_KEY";
  /** Backoff before retry k (0-based): {@code BASE * 2^k}, at most {@link #MAX_BACKOFF_S}, times a jitter in [0.5, 1]. */
  static final double BACKOFF_BASE_S = 1.0;
  static final double MAX_BACKOFF_S = 60.0;
  /** The longest {@code Retry-After} honoured (seconds); a longer one is cut to this. */
  static final double MAX_RETRY_AFTER_S = 300.0;
  /** Largest image accepted in an answer (pixels). */
  static final long MAX_PIXELS = 8192L * 8192;

  /** How environment variables are read (tests replace it). */
  static volatile UnaryOperator<String> env = System::getenv;
  /** Scales every wait (tests set 0 to run backoffs instantly). */
  static volatile double waitScale = 1.0;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiEval() {}

  /** The settings of the API calls. {@code apiKeyEnv} null: {@value #DEFAULT_KEY_ENV} if set, else no key. */
  record Config(String url, String model, String apiKeyEnv, int concurrency, double timeoutS, int retries) {}

  /** What one request came to. {@code png} is set when ok; {@code statuses} holds each attempt's status ("429", "timeout", ...). */
  record Outcome(boolean ok, byte[] png, List<String> statuses, String error, double seconds) {
    int retries() {
      return statuses.size() - 1;
    }
  }

  /** A request that got no usable image. */
  record Failure(String request, String sample, String status, String error) {}

  /** Counts over one run, shared by the workers. */
  static final class Stats {
    final int requests;
    final AtomicInteger reused = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    Stats(int requests) {
      this.requests = requests;
    }

    void add(String request, String sample, Outcome o) {
      sent.incrementAndGet();
      attempts.addAndGet(o.statuses().size());
      retries.addAndGet(o.retries());
      o.statuses().forEach(st -> statuses.merge(st, 1, Integer::sum));
      if (!o.ok()) {
        failures.add(new Failure(request, sample, o.statuses().isEmpty() ? "-" : o.statuses().get(o.statuses().size() - 1), o.error()));
      }
    }
  }

  /** The API key: from {@code c.apiKeyEnv()} (which must then be set), else from {@value #DEFAULT_KEY_ENV} if set, else null. */
  static String apiKey(Config c, URI endpoint) {
    if (c.apiKeyEnv() != null) {
      if (!c.apiKeyEnv().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new UserError("--api-key-env takes the NAME of an environment variable holding the key (never the key itself), got '"
            + (c.apiKeyEnv().length() > 6 ? c.apiKeyEnv().substring(0, 3) + "..." : c.apiKeyEnv()) + "'");
      }
      String key = env.apply(c.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new UserError("--api-key-env " + c.apiKeyEnv() + ": the environment variable " + c.apiKeyEnv()
            + " is not set (export " + c.apiKeyEnv() + "=... before running; the key is never taken from the command line)");
      }
      return key.strip();
    }
    String key = env.apply(DEFAULT_KEY_ENV);
    if ((key == null || key.isBlank()) && endpoint.getHost() != null && endpoint.getHost().endsWith("openai.com")) {
      throw new UserError(endpoint.getHost() + " needs an API key: export " + DEFAULT_KEY_ENV
          + "=... (or name another variable with --api-key-env)");
    }
    return key == null || key.isBlank() ? null : key.strip();
  }

  /** The edit endpoint of {@code url}: a server's base URL, its {@code /v1}, or the full {@code /v1/images/edits}. */
  static URI endpoint(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (!u.endsWith(ENDPOINT)) {
      u = u.endsWith("/v1") ? u + "/images/edits" : u + ENDPOINT;
    }
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      throw new UserError("--editor-url: not a URL: " + url);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw new UserError("--editor-url must be an http:// or https:// URL, such as http://localhost:8080 or https://api.openai.com/v1; got " + url);
    }
    if (uri.getUserInfo() != null) {
      throw new UserError("--editor-url must not hold credentials; put the key in an environment variable named by --api-key-env");
    }
    return uri;
  }

  static void run(EvalJob.Settings s, Config c) throws IOException {
    if (c.concurrency() < 1 || c.concurrency() > 256) {
      throw new UserError("--concurrency must be between 1 and 256, got " + c.concurrency());
    }
    if (!(c.timeoutS() > 0)) {
      throw new UserError("--timeout-s must be positive, got " + c.timeoutS());
    }
    if (c.retries() < 0 || c.retries() > 20) {
      throw new UserError("--retries must be between 0 and 20, got " + c.retries());
    }
    URI endpoint = endpoint(c.url());
    String key = apiKey(c, endpoint);
    Dataset ds = Dataset.load(Path.of(s.data()));
    List<Sample> chosen = EvalJob.choose(ds, s);
    Path out = Path.of(s.out());
    Path edits = out.resolve("edits");
    Path log = out.resolve("requests");
    BufferedImage first = ds.image(chosen.get(0).source());
    String size = first.getWidth() + "x" + first.getHeight();
    checkSameEditor(out, endpoint, c.model(), size);
    Files.createDirectories(edits);
    Files.createDirectories(log);
    List<EditTasks.Task> tasks = new ArrayList<>();
    for (Sample x : chosen) {
      try {
        tasks.add(EditTasks.of(ds, x));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }

    int requests = tasks.stream().mapToInt(t -> t.instructions().size()).sum();
    Stats stats = new Stats(requests);
    int[] start = new int[tasks.size()];
    int reused = 0;
    for (int i = 0; i < tasks.size(); i++) {
      start[i] = firstMissing(edits, tasks.get(i));
      reused += start[i];
    }
    stats.reused.set(reused);
    Client client = new Client(endpoint, key, c.model(), size, Duration.ofMillis(Math.round(c.timeoutS() * 1000)), c.retries());
    Map<String, String> whyMissing = new ConcurrentHashMap<>();
    long t0 = System.nanoTime();
    Progress bar = new ProgressBar(System.err);
    bar.start("editing over " + endpoint.getHost() + " (" + c.concurrency() + " at a time)", requests);
    if (reused > 0) {
      bar.resumedAt(reused);
    }
    ExecutorService pool = Executors.newFixedThreadPool(c.concurrency(), r -> {
      Thread t = new Thread(r, "editor-api");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        EditTasks.Task task = tasks.get(i);
        int from = start[i];
        if (from < task.instructions().size()) {
          futures.add(pool.submit(() -> {
            String why = runTask(client, edits, log, task, from, stats, bar);
            if (why != null) {
              whyMissing.put(task.id(), why);
            }
            return null;
          }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw cause instanceof RuntimeException re ? re : new RuntimeException(cause);
    } finally {
      pool.shutdownNow();
      bar.finish();
    }
    double apiSeconds = (System.nanoTime() - t0) / 1e9;

    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("editor_url", endpoint.toString());
    if (c.model() != null) {
      meta.put("editor_model", c.model());
    }
    meta.put("editor_size", size);
    meta.put("editor_seconds", String.format(Locale.ROOT, "%.1f", apiSeconds));
    String title = c.model() != null ? c.model() : endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
    EditsEval.run(s, edits, whyMissing, title, meta);
    annotate(out, endpoint, c, stats);
    System.out.printf(Locale.ROOT, "editor API: %d requests, %d reused from %s, %d sent (%d attempts, %d retries), statuses %s, %d failed%n",
        stats.requests, stats.reused.get(), edits, stats.sent.get(), stats.attempts.get(), stats.retries.get(),
        new TreeMap<>(stats.statuses), stats.failures.size());
    synchronized (stats.failures) {
      for (Failure f : stats.failures.subList(0, Math.min(5, stats.failures.size()))) {
        System.out.println("  " + f.request() + ": " + f.error());
      }
    }
    if (!stats.failures.isEmpty()) {
      System.out.println("  (run the same command again to send only the requests that have no image yet)");
    }
  }

  /** The file naming the editor whose answers {@code OUT/edits} holds. */
  static final String EDITOR_FILE = "editor-api.json";

  /**
   * Records the editor (model and size; the endpoint for information) in {@code OUT/editor-api.json}, and refuses to go
   * on where the folder already holds the answers of another model or size: a rerun must not mix two editors' edits in
   * one report. A new endpoint for the same model (a server restarted on another port) is allowed, and said.
   */
  static void checkSameEditor(Path out, URI endpoint, String model, String size) throws IOException {
    ObjectNode me = JSON.createObjectNode().put("endpoint", endpoint.toString()).put("model", model).put("size", size);
    Path f = out.resolve(EDITOR_FILE);
    if (Files.isRegularFile(f)) {
      JsonNode before;
      try {
        before = JSON.readTree(f.toFile());
      } catch (IOException e) {
        before = JSON.createObjectNode();
      }
      if (!me.path("model").equals(before.path("model")) || !me.path("size").equals(before.path("size"))) {
        throw new UserError(out + " holds the answers of another editor (" + f + ": " + before + ", now " + me
            + "); give another --out, or delete " + out.resolve("edits") + " and " + f + " to start again");
      }
      if (!me.path("endpoint").equals(before.path("endpoint"))) {
        System.out.println("note: the answers in " + out.resolve("edits") + " came from " + before.path("endpoint").asText()
            + "; the missing ones are asked of " + endpoint + " (same model)");
      }
    } else if (AtomicFiles.isNonEmptyDirectory(out.resolve("edits"))) {
      throw new UserError(out.resolve("edits") + " holds edits of an unknown editor (no " + EDITOR_FILE + "); give another --out");
    }
    AtomicFiles.writeString(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(me) + "\n");
  }

  /** How many of the task's steps already have their image in {@code edits} (all of them once {@code <id>.png} is there). */
  static int firstMissing(Path edits, EditTasks.Task t) {
    int n = t.instructions().size();
    if (Files.isRegularFile(edits.resolve(t.edit()))) {
      return n;
    }
    int k = 0;
    while (k < n - 1 && Files.isRegularFile(stepFile(edits, t, k + 1))) {
      k++;
    }
    return k;
  }

  /** The image after step {@code k} (1-based) of a task: {@code <id>.png} for the last step, else {@code <id>_step<k>.png}. */
  static Path stepFile(Path edits, EditTasks.Task t, int k) {
    return k == t.instructions().size() ? edits.resolve(t.edit()) : edits.resolve(t.id() + "_step" + k + ".png");
  }

  /** The name of request {@code k} (1-based) of a task: its id, or {@code <id>_step<k>} in a chain. */
  static String requestName(EditTasks.Task t, int k) {
    return t.instructions().size() == 1 ? t.id() : t.id() + "_step" + k;
  }

  /** Sends the task's steps from {@code from} (0-based) on; returns why it has no final edit, or null when it has one. */
  private static String runTask(Client client, Path edits, Path log, EditTasks.Task t, int from, Stats stats, Progress bar)
      throws IOException {
    List<String> steps = t.instructions();
    byte[] input = from == 0 ? sourcePng(Path.of(t.source())) : Files.readAllBytes(stepFile(edits, t, from));
    for (int k = from + 1; k <= steps.size(); k++) {
      String name = requestName(t, k);
      Outcome o = client.edit(input, steps.get(k - 1));
      if (o.ok()) {
        AtomicFiles.write(stepFile(edits, t, k), os -> os.write(o.png()));
      }
      writeLog(log.resolve(name + ".json"), name, t, k, steps.get(k - 1), o);
      stats.add(name, t.id(), o);
      if (!o.ok()) {
        bar.advance(steps.size() - k + 1);
        return "editor API request " + name + " failed: " + o.error();
      }
      input = o.png();
      bar.advance(1);
    }
    return null;
  }

  /** The source picture as PNG bytes (the file itself when it is a PNG). */
  private static byte[] sourcePng(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    return isPng(b) ? b : Images.pngBytes(Images.read(file));
  }

  private static boolean isPng(byte[] b) {
    return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  private static void writeLog(Path file, String name, EditTasks.Task t, int step, String prompt, Outcome o) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("request", name);
    n.put("sample", t.id());
    n.put("step", step);
    n.put("prompt", prompt);
    n.put("ok", o.ok());
    n.put("status", o.statuses().isEmpty() ? null : o.statuses().get(o.statuses().size() - 1));
    n.set("statuses", JSON.valueToTree(o.statuses()));
    n.put("retries", o.retries());
    if (o.error() != null) {
      n.put("error", o.error());
    }
    n.put("seconds", Math.round(o.seconds() * 1000) / 1000.0);
    AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
  }

  /** Adds the HTTP outcomes to the report: "editor_api" in report.json and a section in report.md. */
  static void annotate(Path reportDir, URI endpoint, Config c, Stats stats) throws IOException {
    Path jsonFile = reportDir.resolve("report.json");
    ObjectNode root = (ObjectNode) JSON.readTree(jsonFile.toFile());
    ObjectNode e = root.putObject("editor_api");
    e.put("endpoint", endpoint.toString());
    e.put("model", c.model());
    e.put("concurrency", c.concurrency());
    e.put("timeout_s", c.timeoutS());
    e.put("max_retries", c.retries());
    e.put("requests", stats.requests);
    e.put("reused", stats.reused.get());
    e.put("sent", stats.sent.get());
    e.put("attempts", stats.attempts.get());
    e.put("retries", stats.retries.get());
    e.set("statuses", JSON.valueToTree(new TreeMap<>(stats.statuses)));
    e.put("failed", stats.failures.size());
    List<Failure> failures;
    synchronized (stats.failures) {
      failures = new ArrayList<>(stats.failures);
    }
    failures.sort(java.util.Comparator.comparing(Failure::request));
    ArrayNode fs = e.putArray("failures");
    for (Failure f : failures) {
      fs.addObject().put("request", f.request()).put("sample", f.sample()).put("status", f.status()).put("error", f.error());
    }
    AtomicFiles.writeString(jsonFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");

    StringBuilder md = new StringBuilder(Files.readString(reportDir.resolve("report.md")));
    md.append("\n## Editor API\n\n`POST ").append(endpoint).append('`').append(c.model() == null ? "" : " with model `" + c.model() + "`")
        .append(": ").append(stats.requests).append(" requests, ").append(stats.reused.get()).append(" reused from earlier runs (")
        .append("edits/ in this folder), ").append(stats.sent.get()).append(" sent in ").append(stats.attempts.get()).append(" attempts (")
        .append(stats.retries.get()).append(" retries), ").append(failures.size()).append(" failed.\n\n| status | answers |\n|---|---|\n");
    new TreeMap<>(stats.statuses).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    if (!failures.isEmpty()) {
      md.append("\nFailed requests (their samples count as failures; run the command again to send only these):\n\n")
          .append("| request | last status | error |\n|---|---|---|\n");
      for (Failure f : failures.subList(0, Math.min(500, failures.size()))) {
        md.append("| ").append(f.request()).append(" | ").append(f.status()).append(" | ")
            .append(f.error().replace("|", "\\|").replace("\n", " ")).append(" |\n");
      }
      if (failures.size() > 500) {
        md.append("\n... and ").append(failures.size() - 500).append(" more in report.json.\n");
      }
    }
    AtomicFiles.writeString(reportDir.resolve("report.md"), md.toString());
  }

  /** One OpenAI-compatible images endpoint: multipart requests, retries and backoff. Safe for use by several threads. */
  static final class Client {
    private final URI endpoint;
    private final String key;
    private final String model;
    private final String size;
    private final Duration timeout;
    private final int retries;
    private final HttpClient http;

    Client(URI endpoint, String key, String model, String size, Duration timeout, int retries) {
      this.endpoint = endpoint;
      this.key = key;
      this.model = model;
      this.size = size;
      this.timeout = timeout;
      this.retries = retries;
      this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Edits {@code png} as {@code prompt} asks; retries what can be retried. Never throws for the server's faults. */
    Outcome edit(byte[] png, String prompt) {
      long t0 = System.nanoTime();
      List<String> statuses = new ArrayList<>();
      for (int attempt = 0; ; attempt++) {
        String error;
        double wait;
        try {
          HttpResponse<byte[]> r = http.send(request(png, prompt), HttpResponse.BodyHandlers.ofByteArray());
          int st = r.statusCode();
          statuses.add(Integer.toString(st));
          if (st >= 200 && st < 300) {
            // An answer was given (and maybe billed): never sent again, even when it cannot be used.
            return answer(r.body(), statuses, t0);
          }
          error = "HTTP " + st + ": " + message(r.body());
          if (!(st == 429 || st == 408 || st >= 500) || attempt >= retries) {
            return new Outcome(false, null, statuses, error, secs(t0));
          }
          Double after = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
          wait = after != null ? after : backoff(attempt);
        } catch (HttpTimeoutException e) {
          statuses.add("timeout");
          error = "no answer within " + timeout.toMillis() / 1000.0 + " s";
          if (attempt >= retries) {
            return new Outcome(false, null, statuses, error, secs(t0));
          }
          wait = backoff(attempt);
        } catch (IOException e) {
          statuses.add("connection_error");
          error = "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
          if (attempt >= retries) {
            return new Outcome(false, null, statuses, error, secs(t0));
          }
          wait = backoff(attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome(false, null, statuses, "interrupted", secs(t0));
        }
        try {
          Thread.sleep(Math.round(wait * 1000 * waitScale));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome(false, null, statuses, "interrupted while waiting to retry after " + error, secs(t0));
        }
      }
    }

    private HttpRequest request(byte[] png, String prompt) {
      String boundary = "----reasonbrain" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      ByteArrayOutputStream b = new ByteArrayOutputStream(png.length + 1024);
      part(b, boundary, "image\"; filename=\"image.png", "image/png", png);
      part(b, boundary, "prompt", null, prompt.getBytes(StandardCharsets.UTF_8));
      if (model != null) {
        part(b, boundary, "model", null, model.getBytes(StandardCharsets.UTF_8));
      }
      part(b, boundary, "n", null, "1".getBytes(StandardCharsets.UTF_8));
      part(b, boundary, "size", null, size.getBytes(StandardCharsets.UTF_8));
      part(b, boundary, "response_format", null, "b64_json".getBytes(StandardCharsets.UTF_8));
      b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      HttpRequest.Builder r = HttpRequest.newBuilder(endpoint).timeout(timeout)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
          .header("User-Agent", "reasonbrain-eval").POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray()));
      if (key != null) {
        r.header("Authorization", "Bearer " + key);
      }
      return r.build();
    }

    private static void part(ByteArrayOutputStream b, String boundary, String name, String type, byte[] body) {
      String h = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
          + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
      b.writeBytes(h.getBytes(StandardCharsets.UTF_8));
      b.writeBytes(body);
      b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The image of a 2xx answer, or why there is none. */
    private static Outcome answer(byte[] body, List<String> statuses, long t0) {
      JsonNode root;
      try {
        root = JSON.readTree(body);
      } catch (IOException e) {
        return new Outcome(false, null, statuses, "the answer is not JSON: " + snippet(body), secs(t0));
      }
      JsonNode d = root == null ? null : root.path("data").path(0);
      if (d == null || !d.isObject()) {
        return new Outcome(false, null, statuses, "the answer has no data[0] object: " + snippet(body), secs(t0));
      }
      JsonNode b64 = d.get("b64_json");
      if (b64 == null || !b64.isTextual()) {
        return new Outcome(false, null, statuses, d.has("url") ? "the answer gives a url, not b64_json (the endpoint ignored "
            + "response_format=b64_json)" : "the answer's data[0] has no b64_json", secs(t0));
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(b64.asText());
      } catch (IllegalArgumentException e) {
        return new Outcome(false, null, statuses, "the answer's b64_json is not base64: " + e.getMessage(), secs(t0));
      }
      BufferedImage img;
      try {
        img = Images.decode(bytes, "b64_json", MAX_PIXELS);
      } catch (Images.BadImageException e) {
        return new Outcome(false, null, statuses, "the answer's image cannot be read: " + e.getMessage(), secs(t0));
      }
      return new Outcome(true, isPng(bytes) ? bytes : Images.pngBytes(img), statuses, null, secs(t0));
    }

    /** The error's message of an OpenAI-style error body, else the body's start. */
    private static String message(byte[] body) {
      try {
        JsonNode m = JSON.readTree(body).path("error").path("message");
        if (m.isTextual() && !m.asText().isBlank()) {
          return m.asText();
        }
      } catch (IOException | RuntimeException e) {
        // not JSON: the body itself
      }
      return snippet(body);
    }

    private static String snippet(byte[] body) {
      String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
      return s.isEmpty() ? "(empty body)" : "'" + s + (body.length > 200 ? "...'" : "'");
    }

    private static double secs(long t0) {
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** Seconds to wait from a {@code Retry-After} value (seconds or an HTTP date), at most {@link #MAX_RETRY_AFTER_S}; null if absent or unreadable. */
  static Double retryAfter(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Math.min(MAX_RETRY_AFTER_S, Math.max(0, Double.parseDouble(v.strip())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        double s = Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis() / 1000.0;
        return Math.min(MAX_RETRY_AFTER_S, Math.max(0, s));
      } catch (java.time.format.DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Exponential backoff before retry {@code attempt + 1}, with jitter. */
  static double backoff(int attempt) {
    double b = Math.min(MAX_BACKOFF_S, BACKOFF_BASE_S * Math.pow(2, attempt));
    return b * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble());
  }
}
