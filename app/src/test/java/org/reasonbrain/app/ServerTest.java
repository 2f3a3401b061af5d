package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.app.server.EditServer;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

/** The edit server with an untrained tiny model: the OpenAI shape, every bad request, and the queue limit. */
class ServerTest {
  static EditPipeline pipeline;
  static EditServer server;
  static volatile String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    NDManager m = NDManager.newBaseManager();
    pipeline = new EditPipeline(m, new ReasonBrain(m, 0, ReasonBrainConfig.tiny()), new MiniLmTextEncoder());
    server = new EditServer(pipeline, "tiny", new EditServer.Limits(200_000, 1_000_000, 1, 60_000));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    pipeline.close();
  }

  /** A multipart body; each part is {name, filename or null, content type or null, bytes}. */
  static HttpRequest multipart(String path, List<Object[]> parts) {
    return multipart(base, path, parts);
  }

  /** The same against another server. */
  static HttpRequest multipart(String baseUrl, String path, List<Object[]> parts) {
    String boundary = "----rb" + System.nanoTime();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Object[] p : parts) {
      StringBuilder h = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p[0] + "\"");
      if (p[1] != null) {
        h.append("; filename=\"").append(p[1]).append("\"");
      }
      h.append("\r\n");
      if (p[2] != null) {
        h.append("Content-Type: ").append(p[2]).append("\r\n");
      }
      h.append("\r\n");
      b.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
      b.writeBytes(p[3] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p[3]);
      b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build();
  }

  static byte[] png(int w, int h) {
    return Images.pngBytes(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB));
  }

  static Object[] image(byte[] bytes, String type) {
    return new Object[] {"image", "in.png", type, bytes};
  }

  static Object[] field(String name, String value) {
    return new Object[] {name, null, null, value};
  }

  static JsonNode send(HttpRequest r, int status) throws Exception {
    HttpResponse<String> res = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    assertEquals(status, res.statusCode(), res.body());
    return JSON.readTree(res.body());
  }

  static void expectError(HttpRequest r, int status, String param, String code) throws Exception {
    JsonNode e = send(r, status).path("error");
    String type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
    assertEquals(type, e.path("type").asText(), code);
    assertTrue(e.path("message").isTextual() && !e.path("message").asText().isBlank());
    assertTrue(e.has("type") && e.has("param") && e.has("code"));
    assertEquals(code, e.path("code").asText());
    if (param != null) {
      assertEquals(param, e.path("param").asText());
    }
  }

  @Test
  void editsAnswerInTheOpenAiShape() throws Exception {
    JsonNode out = send(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"),
        field("prompt", "What would happen if the ice cube was left in the sun?"), field("steps", "2"), field("n", "2"),
        field("response_format", "b64_json"))), 200);
    assertTrue(out.path("created").asLong() > 0);
    assertEquals(2, out.path("data").size());
    BufferedImage img = Images.decode(Base64.getDecoder().decode(out.path("data").get(0).path("b64_json").asText()), "b64", 1 << 20);
    assertEquals(64, img.getWidth());
    assertEquals("physical", out.path("data").get(0).path("reasonbrain").path("category").asText());
    assertTrue(out.path("warnings").isArray(), "a warnings array, empty when none: " + out.path("warnings"));
    JsonNode chain = send(multipart("/v1/edits/chain", List.of(image(png(64, 64), "image/png"), field("prompt", "What if the ice melted?"),
        field("prompt", "What if the puddle dried?"), field("steps", "2"))), 200);
    assertEquals(2, chain.path("data").size());
    assertTrue(chain.path("warnings").isArray());
    // A wide image: the answer says the model edits only its centred square.
    JsonNode wide = send(multipart("/v1/images/edits", List.of(image(png(160, 64), "image/png"),
        field("prompt", "What would happen if the ice cube was left in the sun?"), field("steps", "1"))), 200);
    assertTrue(wide.path("warnings").toString().contains("160x64, not square"), wide.path("warnings").toString());
    assertEquals("ok", JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("status").asText());
  }

  @Test
  void defaultsAreThePipelinesOwn() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/defaults")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    JsonNode d = JSON.readTree(r.body());
    org.reasonbrain.infer.EditPipeline.Options o = org.reasonbrain.infer.EditPipeline.Options.defaults();
    assertEquals(o.steps(), d.path("steps").asInt());
    assertEquals(o.textGuidance(), d.path("text_guidance").asDouble(), 0);
    assertEquals(o.imageGuidance(), d.path("image_guidance").asDouble(), 0);
    assertEquals(o.preserve(), d.path("preserve").asDouble(), 0);
    assertEquals(o.spacing().name().toLowerCase(), d.path("spacing").asText());
    assertEquals(o.eta(), d.path("eta").asDouble(), 0);
    assertTrue(d.has("eta"));
  }

  @Test
  void badRequestsGetTheRightStatusAndErrorObject() throws Exception {
    expectError(multipart("/v1/images/edits", List.<Object[]>of(field("prompt", "What if?"))), 400, "image", "missing_image");
    expectError(multipart("/v1/images/edits", List.of(image("hello".getBytes(), "text/plain"), field("prompt", "What if?"))), 415, "image", "unsupported_image_type");
    expectError(multipart("/v1/images/edits", List.of(image("not a png".getBytes(), "image/png"), field("prompt", "What if?"))), 400, "image", "invalid_image");
    expectError(multipart("/v1/images/edits", List.of(image(new byte[300_000], "image/png"), field("prompt", "What if?"))), 413, null, "request_too_large");
    expectError(multipart("/v1/images/edits", List.of(image(png(2000, 2000), "image/png"), field("prompt", "What if?"))), 413, "image", "image_too_many_pixels");
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "  "))), 400, "prompt", "missing_prompt");
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "x".repeat(301)))), 400, "prompt", "prompt_too_long");
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("steps", "many"))), 400, "steps", "invalid_value");
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("preserve", "-0.5"))), 400, "preserve", "invalid_value");
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("spacing", "middle"))), 400, "spacing", "invalid_value");
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("eta", "1.5"))), 400, "eta", "invalid_value");
    HttpRequest malformed = HttpRequest.newBuilder(URI.create(base + "/v1/images/edits"))
        .header("Content-Type", "multipart/form-data; boundary=xyz").POST(HttpRequest.BodyPublishers.ofString("--xyz\r\ngarbage")).build();
    expectError(malformed, 400, null, "malformed_multipart");
    HttpRequest notMultipart = HttpRequest.newBuilder(URI.create(base + "/v1/images/edits"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    expectError(notMultipart, 400, null, "invalid_content_type");
    // Still serving after all of that.
    send(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("steps", "1"))), 200);
  }

  @Test
  void aFullQueueAnswers429WithARetryHint() throws Exception {
    // Queue capacity 1 and one worker: of 6 slow concurrent edits, some must be refused at once.
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(HTTP.sendAsync(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"),
          field("steps", "30"))), HttpResponse.BodyHandlers.ofString()));
    }
    int ok = 0;
    int limited = 0;
    for (var f : all) {
      HttpResponse<String> r = f.get();
      if (r.statusCode() == 200) {
        ok++;
      } else {
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
        assertEquals("queue_full", JSON.readTree(r.body()).path("error").path("code").asText());
        limited++;
      }
    }
    assertTrue(ok >= 1 && limited >= 1, ok + " ok, " + limited + " limited");
  }

  static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
  }

  @Test
  void everyOtherStatusAndCode() throws Exception {
    expectError(get("/no/such/route"), 404, null, "not_found");
    expectError(get("/examples/no-such.png"), 404, "name", "not_found");
    // A traversal attempt never reaches a file: Jetty refuses the ambiguous path itself (400, its own page).
    int trav = HTTP.send(get("/examples/..%2F..%2Fetc%2Fpasswd"), HttpResponse.BodyHandlers.ofString()).statusCode();
    assertTrue(trav == 400 || trav == 404, "status " + trav);
    expectError(get("/v1/jobs/not-a-job"), 404, "id", "job_not_found");
    for (String n : List.of("0", "5", "-1")) {
      expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("n", n))), 400, "n", "invalid_value");
    }
    expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"),
        field("response_format", "url"))), 400, "response_format", "unsupported_response_format");
    expectError(multipart("/v1/edits/chain", List.of(image(png(64, 64), "image/png"), field("prompt", "a?"), field("prompt", "b?"),
        field("prompt", "c?"), field("prompt", "d?"))), 400, "prompt", "chain_too_long");
    for (String size : List.of("big", "64", "8x8", "5000x64", "64x64x3")) {
      expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("size", size))),
          400, "size", "invalid_size");
    }
    // An upload over the per-image byte limit (but under the request limit) is refused by its own code.
    try (EditServer small = new EditServer(pipeline, "tiny", new EditServer.Limits(1000, 1_000_000, 1, 60_000))) {
      String saved = base;
      base = "http://127.0.0.1:" + small.start("127.0.0.1", 0);
      try {
        byte[] big = png(64, 64);
        java.util.Random r = new java.util.Random(1);
        BufferedImage noisy = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
          for (int x = 0; x < 40; x++) {
            noisy.setRGB(x, y, r.nextInt(1 << 24));
          }
        }
        big = Images.pngBytes(noisy);
        assertTrue(big.length > 1000 && big.length < 1000 + 64 * 1024);
        expectError(multipart("/v1/images/edits", List.of(image(big, "image/png"), field("prompt", "What if?"))), 413, "image", "image_too_large");
      } finally {
        base = saved;
      }
    }
    // A 1 ms time limit: 504.
    // Its own pipeline: the timed-out edit goes on running after the answer, and a pipeline is used by one worker at a time.
    NDManager m2 = NDManager.newBaseManager();
    try (EditPipeline own = new EditPipeline(m2, new ReasonBrain(m2, 0, ReasonBrainConfig.tiny()), new MiniLmTextEncoder());
        EditServer slow = new EditServer(own, "tiny", new EditServer.Limits(200_000, 1_000_000, 1, 1))) {
      String saved = base;
      base = "http://127.0.0.1:" + slow.start("127.0.0.1", 0);
      try {
        expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("steps", "30"))),
            504, null, "timeout");
      } finally {
        base = saved;
      }
    }
    // A component that fails unexpectedly (a text encoder that throws): 500 internal_error, type server_error,
    // and the server keeps answering.
    NDManager m3 = NDManager.newBaseManager();
    org.reasonbrain.model.encoders.TextEncoder failing = new org.reasonbrain.model.encoders.TextEncoder() {
      @Override
      public int dim() {
        return 384;
      }

      final MiniLmTextEncoder real = new MiniLmTextEncoder();

      @Override
      public Features encode(NDManager m, List<String> texts, int maxTokens) {
        if (texts.stream().anyMatch(t -> t.contains("failure"))) {
          throw new IllegalStateException("encoder failure injected by the test");
        }
        return real.encode(m, texts, maxTokens);
      }

      @Override
      public void close() {
        real.close();
      }
    };
    try (EditPipeline broken = new EditPipeline(m3, new ReasonBrain(m3, 0, ReasonBrainConfig.tiny()), failing);
        EditServer bad = new EditServer(broken, "tiny", new EditServer.Limits(200_000, 1_000_000, 1, 60_000))) {
      String saved = base;
      base = "http://127.0.0.1:" + bad.start("127.0.0.1", 0);
      try {
        expectError(multipart("/v1/images/edits", List.of(image(png(64, 64), "image/png"), field("prompt", "What if the failure came?"),
            field("steps", "1"))), 500, null, "internal_error");
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      } finally {
        base = saved;
      }
    }
  }

  @Test
  void anImageComesBackAtItsOwnSizeOrTheAskedSize() throws Exception {
    JsonNode own = send(multipart("/v1/images/edits", List.of(image(png(150, 100), "image/png"), field("prompt", "What if it rained?"),
        field("steps", "1"))), 200);
    BufferedImage a = Images.decode(Base64.getDecoder().decode(own.path("data").get(0).path("b64_json").asText()), "b64", 1 << 22);
    assertEquals(150, a.getWidth());
    assertEquals(100, a.getHeight());
    JsonNode asked = send(multipart("/v1/images/edits", List.of(image(png(150, 100), "image/png"), field("prompt", "What if it rained?"),
        field("steps", "1"), field("size", "256x128"))), 200);
    BufferedImage b = Images.decode(Base64.getDecoder().decode(asked.path("data").get(0).path("b64_json").asText()), "b64", 1 << 22);
    assertEquals(256, b.getWidth());
    assertEquals(128, b.getHeight());
    // A job: 202, then its status by id until done.
    JsonNode job = send(multipart("/v1/jobs", List.of(image(png(64, 64), "image/png"), field("prompt", "What if?"), field("steps", "1"))), 202);
    String id = job.path("id").asText();
    JsonNode st = null;
    for (int i = 0; i < 200; i++) {
      st = send(get("/v1/jobs/" + id), 200);
      if (st.path("status").asText().equals("done")) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals("done", st.path("status").asText());
    assertTrue(st.path("result").path("b64_json").isTextual() && st.path("source_b64").isTextual());
    assertTrue(st.path("warnings").isArray(), "the job's warnings (the page shows them): " + st);
    // A bundled example by its listed name.
    JsonNode list = JSON.readTree(HTTP.send(get("/examples"), HttpResponse.BodyHandlers.ofString()).body());
    String name = list.get(0).path("file").asText();
    HttpResponse<byte[]> ex = HTTP.send(get("/examples/" + name), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, ex.statusCode());
    assertTrue(ex.headers().firstValue("Content-Type").orElse("").startsWith("image/png"));
  }
}
