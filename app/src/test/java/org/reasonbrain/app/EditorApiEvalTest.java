package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import picocli.CommandLine;

/**
 * {@code eval --editor-url}: a fake OpenAI-compatible images endpoint that answers each request with the true
 * target (found by the uploaded picture and prompt), rate limits, garbage answers, an interrupted run resumed.
 */
class EditorApiEvalTest {
  @TempDir
  static Path shared;
  static Path ds;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] SPLITS = {"--split", "test-id", "--split", "test-multistep", "--limit", "2"};

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void build() {
    ds = shared.resolve("ds");
    Run b = run("data", "build", "--out", ds.toString(), "--samples", "40");
    assertEquals(0, b.code(), b.err());
  }

  @AfterEach
  void restore() {
    ApiEval.env = System::getenv;
    ApiEval.waitScale = 1.0;
  }

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = cl.execute(args);
    } finally {
      System.setOut(stdout);
    }
    return new Run(code, out + printed.toString(StandardCharsets.UTF_8), err.toString());
  }

  private static Run eval(String url, Path out, String... more) {
    String[] head = {"eval", "--editor-url", url, "--data", ds.toString(), "--out", out.toString()};
    String[] all = java.util.Arrays.copyOf(head, head.length + SPLITS.length + more.length);
    System.arraycopy(SPLITS, 0, all, head.length, SPLITS.length);
    System.arraycopy(more, 0, all, head.length + SPLITS.length, more.length);
    return run(all);
  }

  /** One multipart request as the fake server saw it. */
  record Seen(Map<String, byte[]> parts, String auth) {
    String text(String name) {
      byte[] b = parts.get(name);
      return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
  }

  /** What the fake server does with request number {@code n} (0-based): null answers the true target. */
  interface Script {
    Answer answer(int n, Seen req);
  }

  record Answer(int status, String body, Map<String, String> headers) {}

  /** A fake images endpoint; {@link #requests} counts what reached it. */
  static final class Fake implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    final Map<String, byte[]> truth = new HashMap<>();   // sha(image) + prompt -> the true edit

    Fake(Script script) throws IOException {
      Dataset d = Dataset.load(ds);
      for (Sample s : d.samples()) {
        byte[] in = Files.readAllBytes(ds.resolve(s.source()));
        if (s.steps().isEmpty()) {
          truth.put(key(in, s.instruction()), Files.readAllBytes(ds.resolve(s.target())));
        } else {
          for (Sample.StepRef st : s.steps()) {
            byte[] t = Files.readAllBytes(ds.resolve(st.target()));
            truth.put(key(in, st.instruction()), t);
            in = t;
          }
        }
      }
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.createContext("/v1/images/edits", ex -> {
        try {
          Seen req = new Seen(parse(ex), ex.getRequestHeaders().getFirst("Authorization"));
          seen.add(req);
          int n = requests.getAndIncrement();
          Answer a = script.answer(n, req);
          if (a == null) {
            byte[] t = truth.get(key(req.parts().get("image"), req.text("prompt")));
            a = t == null ? new Answer(400, "{\"error\":{\"message\":\"unknown picture and prompt\"}}", Map.of())
                : new Answer(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(t) + "\"}]}", Map.of());
          }
          a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
          ex.getResponseHeaders().add("Content-Type", "application/json");
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(a.status(), body.length);
          ex.getResponseBody().write(body);
        } finally {
          ex.close();
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }

    static String key(byte[] image, String prompt) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)) + "|" + prompt;
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** A small multipart/form-data reader: part name -> bytes. */
    static Map<String, byte[]> parse(HttpExchange ex) throws IOException {
      String ct = ex.getRequestHeaders().getFirst("Content-Type");
      String boundary = "--" + ct.substring(ct.indexOf("boundary=") + 9);
      byte[] body = ex.getRequestBody().readAllBytes();
      String s = new String(body, StandardCharsets.ISO_8859_1);
      Map<String, byte[]> parts = new HashMap<>();
      int at = s.indexOf(boundary);
      while (at >= 0) {
        int headStart = at + boundary.length();
        if (s.startsWith("--", headStart)) {
          break;
        }
        int headEnd = s.indexOf("\r\n\r\n", headStart);
        int next = s.indexOf("\r\n" + boundary, headEnd);
        String head = s.substring(headStart, headEnd);
        int n = head.indexOf("name=\"") + 6;
        String name = head.substring(n, head.indexOf('"', n));
        parts.put(name, java.util.Arrays.copyOfRange(body, headEnd + 4, next));
        at = next + 2;
      }
      return parts;
    }
  }

  private static JsonNode report(Path out) throws IOException {
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  private static int requestsNeeded() throws IOException {
    return EvalJob.choose(Dataset.load(ds), List.of("test-id", "test-multistep"), 2).stream().mapToInt(Sample::stepCount).sum();
  }

  @Test
  void rateLimitedTwiceThenAnsweredIsRetriedAndScoredOne(@TempDir Path tmp) throws Exception {
    ApiEval.env = Map.of("RB_TEST_KEY", "sk-test-123")::get;
    Script twice429 = (n, req) -> n < 2 ? new Answer(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "0")) : null;
    try (Fake fake = new Fake(twice429)) {
      Path out = tmp.resolve("report");
      Run r = eval(fake.url(), out, "--editor-model", "my-editor", "--api-key-env", "RB_TEST_KEY", "--concurrency", "2");
      assertEquals(0, r.code(), r.err() + r.out());
      int need = requestsNeeded();
      assertTrue(need > EvalJob.choose(Dataset.load(ds), List.of("test-id", "test-multistep"), 2).size(), "a chain among the samples");
      assertEquals(need + 2, fake.requests.get(), "each request once, plus the two refused");
      for (Seen s : fake.seen) {
        assertEquals("Bearer sk-test-123", s.auth());
        assertEquals("my-editor", s.text("model"));
        assertEquals("b64_json", s.text("response_format"));
        assertEquals("1", s.text("n"));
        assertTrue(s.text("size").matches("\\d+x\\d+"), s.text("size"));
      }
      JsonNode rep = report(out);
      JsonNode total = rep.path("by_split").path("total");
      assertEquals(1.0, total.path("accuracy_lenient").asDouble(), 1e-12, rep.toString());
      assertEquals(1.0, total.path("accuracy_strict").asDouble(), 1e-12);
      JsonNode api = rep.path("editor_api");
      assertEquals(2, api.path("retries").asInt());
      assertEquals(2, api.path("statuses").path("429").asInt());
      assertEquals(need, api.path("statuses").path("200").asInt());
      assertEquals(0, api.path("failed").asInt());
      assertEquals(0, rep.path("edits").path("failed_to_read").asInt());
      assertEquals("my-editor", rep.path("meta").path("editor_model").asText());
      String md = Files.readString(out.resolve("report.md"));
      assertTrue(md.contains("## Editor API") && md.contains("| 429 | 2 |"), md);
      assertFalse(Files.readString(out.resolve("report.json")).contains("sk-test-123"), "the key is written nowhere");
      assertFalse(md.contains("sk-test-123"));
      try (var files = Files.list(out.resolve("requests"))) {
        assertEquals(need, files.count(), "one outcome file per request");
      }

      // Everything is there: a rerun sends nothing.
      int before = fake.requests.get();
      Run again = eval(fake.url(), out, "--editor-model", "my-editor", "--api-key-env", "RB_TEST_KEY");
      assertEquals(0, again.code(), again.err());
      assertEquals(before, fake.requests.get());
      assertEquals(need, report(out).path("editor_api").path("reused").asInt());
      // Another editor into the same folder is refused: two editors' answers never mix in one report.
      Run other = eval(fake.url(), out, "--editor-model", "another-editor", "--api-key-env", "RB_TEST_KEY");
      assertEquals(2, other.code(), other.err());
      assertTrue(other.err().contains("holds the answers of another editor"), other.err());
      assertEquals(before, fake.requests.get());
    }
  }

  @Test
  void anInterruptedRunResumesSendingOnlyTheMissingRequests(@TempDir Path tmp) throws Exception {
    int need = requestsNeeded();
    Path out = tmp.resolve("report");
    // The first server dies after 3 answers: every later request fails (503, no retries).
    try (Fake dying = new Fake((n, req) -> n < 3 ? null : new Answer(503, "{\"error\":{\"message\":\"gone\"}}", Map.of()))) {
      Run r = eval(dying.url(), out, "--concurrency", "1", "--retries", "0");
      assertEquals(0, r.code(), r.err());
      JsonNode rep = report(out);
      int failed = rep.path("editor_api").path("failed").asInt();
      assertTrue(failed > 0, rep.path("editor_api").toString());
      assertEquals(failed, rep.path("edits").path("failed_to_read").asInt(), "one failed request per unfinished sample");
      assertTrue(rep.path("edits").path("problems").get(0).path("reason").asText().contains("HTTP 503: gone"), rep.path("edits").toString());
      assertTrue(Files.readString(out.resolve("report.md")).contains("HTTP 503: gone"));
    }
    try (Fake good = new Fake((n, req) -> null)) {
      Run r = eval(good.url(), out, "--concurrency", "3");
      assertEquals(0, r.code(), r.err());
      assertEquals(need - 3, good.requests.get(), "only the requests without an answer are sent again");
      JsonNode rep = report(out);
      assertEquals(3, rep.path("editor_api").path("reused").asInt());
      assertEquals(0, rep.path("editor_api").path("failed").asInt());
      assertEquals(1.0, rep.path("by_split").path("total").path("accuracy_strict").asDouble(), 1e-12);
    }
  }

  @Test
  void garbageIsAFailedSampleWithItsReasonAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
    try (Fake fake = new Fake((n, req) -> n == 0 ? new Answer(200, "<html>oops", Map.of()) : null)) {
      Path out = tmp.resolve("report");
      Run r = eval(fake.url(), out, "--concurrency", "1");
      assertEquals(0, r.code(), r.err());
      JsonNode rep = report(out);
      assertEquals(1, rep.path("editor_api").path("failed").asInt());
      Sample first = EvalJob.choose(Dataset.load(ds), List.of("test-id", "test-multistep"), 2).get(0);
      assertEquals(requestsNeeded() - (first.stepCount() - 1), fake.requests.get(),
          "a 200 is not retried, even with garbage in it, and a failed chain stops there");
      JsonNode p = rep.path("edits").path("problems");
      assertEquals(1, p.size(), p.toString());
      assertTrue(p.get(0).path("reason").asText().contains("the answer is not JSON"), p.toString());
      int samples = rep.path("edits").path("samples").asInt();
      assertEquals(samples - 1, rep.path("edits").path("judged").asInt());
      assertEquals((samples - 1) / (double) samples, rep.path("by_split").path("total").path("accuracy_lenient").asDouble(), 1e-9);
      assertTrue(r.out().contains("the answer is not JSON"), r.out());
    }
  }

  @Test
  void aMissingKeyOrABadOptionIsAClearErrorAndNothingIsSent(@TempDir Path tmp) throws Exception {
    ApiEval.env = Map.<String, String>of()::get;
    try (Fake fake = new Fake((n, req) -> null)) {
      Path out = tmp.resolve("report");
      for (String[][] c : new String[][][] {
          {{"--api-key-env", "RB_TEST_NO_SUCH_KEY"}, {"the environment variable RB_TEST_NO_SUCH_KEY is not set"}},
          {{"--api-key-env", "sk-abcdefghijkl"}, {"NAME of an environment variable"}},
          {{"--concurrency", "0"}, {"--concurrency must be"}},
          {{"--edits", tmp.toString()}, {"not both"}}}) {
        Run r = eval(fake.url(), out, c[0]);
        assertEquals(2, r.code(), String.join(" ", c[0]) + ": " + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(c[1][0]) && !r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("sk-abcdefghijkl"), "a key given by mistake is not echoed");
      }
      Run noKey = eval("https://api.openai.com/v1", out);
      assertEquals(2, noKey.code());
      assertTrue(noKey.err().contains("export OPENAI_API_KEY"), noKey.err());
      assertEquals(0, fake.requests.get());
      assertFalse(Files.exists(out), "nothing written by a refused command");
    }
  }

  @Test
  void aTimedOutRequestIsRetried(@TempDir Path tmp) throws Exception {
    ApiEval.waitScale = 0;   // the backoff, not its length, is under test here
    Script slowFirst = (n, req) -> {
      if (n == 0) {
        try {
          Thread.sleep(8000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    };
    try (Fake fake = new Fake(slowFirst)) {
      Path out = tmp.resolve("report");
      Run r = eval(fake.url(), out, "--timeout-s", "4", "--concurrency", "1");
      assertEquals(0, r.code(), r.err());
      JsonNode api = report(out).path("editor_api");
      int timeouts = api.path("statuses").path("timeout").asInt();
      assertTrue(timeouts >= 1, api.toString());   // at least the first; a busy test machine may add some
      assertEquals(timeouts, api.path("retries").asInt());
      assertEquals(0, api.path("failed").asInt());
      assertEquals(1.0, report(out).path("by_split").path("total").path("accuracy_strict").asDouble(), 1e-12);
    }
  }

  @Test
  void retryAfterAndBackoff() {
    assertEquals(3.0, ApiEval.retryAfter("3"));
    assertEquals(0.0, ApiEval.retryAfter("0"));
    assertEquals(ApiEval.MAX_RETRY_AFTER_S, ApiEval.retryAfter("86400"));
    assertEquals(null, ApiEval.retryAfter("soon"));
    assertEquals(null, ApiEval.retryAfter(null));
    String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
    double s = ApiEval.retryAfter(inTenSeconds);
    assertTrue(s > 7 && s <= 10, "an HTTP date: " + s);
    for (int k = 0; k < 10; k++) {
      double b = ApiEval.backoff(k);
      assertTrue(b >= 0.5 * Math.min(ApiEval.MAX_BACKOFF_S, Math.pow(2, k)) && b <= Math.min(ApiEval.MAX_BACKOFF_S, Math.pow(2, k)), k + ": " + b);
    }
    assertEquals("http://h:8080/v1/images/edits", ApiEval.endpoint("http://h:8080").toString());
    assertEquals("https://api.openai.com/v1/images/edits", ApiEval.endpoint("https://api.openai.com/v1/").toString());
    assertEquals("http://h/x/v1/images/edits", ApiEval.endpoint("http://h/x/v1/images/edits").toString());
  }

  /** Our own server speaks the same API: 'eval --editor-url' against it scores as the in-process eval of its model does. */
  @Test
  void againstReasonbrainServeTheAccuracyIsThatOfTheInProcessEval(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("run");
    Files.createDirectories(run.resolve("checkpoint"));
    Files.writeString(run.resolve("config.json"), "{\"preset\":\"tiny\",\"stage\":\"reasonbrain\"}");
    ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
    org.reasonbrain.model.ReasonBrain model = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.tiny());
    org.reasonbrain.core.nn.Checkpoints.save(model, run.resolve("checkpoint/model.safetensors"), Map.of());
    String[] one = {"--split", "test-id", "--split", "test-multistep", "--limit", "1"};
    try (org.reasonbrain.infer.EditPipeline pipeline = new org.reasonbrain.infer.EditPipeline(m, model,
        new org.reasonbrain.model.encoders.MiniLmTextEncoder());
        org.reasonbrain.app.server.EditServer server = new org.reasonbrain.app.server.EditServer(pipeline, "tiny",
            new org.reasonbrain.app.server.EditServer.Limits(2_000_000, 4_000_000, 8, 300_000, 60_000, 1, 16 * 1024))) {
      String url = "http://127.0.0.1:" + server.start("127.0.0.1", 0) + "/v1";
      Path out = tmp.resolve("api");
      Run api = run(concat(new String[] {"eval", "--editor-url", url, "--editor-model", "tiny", "--data", ds.toString(), "--out",
          out.toString(), "--concurrency", "2"}, one));
      assertEquals(0, api.code(), api.err() + api.out());
      JsonNode a = report(out);
      assertEquals(0, a.path("editor_api").path("failed").asInt(), a.path("editor_api").toString());
      assertEquals(a.path("editor_api").path("requests").asInt(), a.path("editor_api").path("statuses").path("200").asInt());
      assertEquals(0, a.path("edits").path("failed_to_read").asInt());
      Run in = run(concat(new String[] {"eval", "--model", run.toString(), "--data", ds.toString(), "--out", tmp.resolve("in").toString(),
          "--no-clip", "--batch", "1"}, one));
      assertEquals(0, in.code(), in.err());
      JsonNode b = report(tmp.resolve("in"));
      for (String k : List.of("accuracy_lenient", "accuracy_strict", "samples", "judged")) {
        assertEquals(b.path("by_split").path("total").path(k), a.path("by_split").path("total").path(k), k);
      }
    } finally {
      m.close();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
