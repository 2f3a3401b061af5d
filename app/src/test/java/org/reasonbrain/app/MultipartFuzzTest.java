package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.reasonbrain.app.server.EditServer;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

/**
 * Fuzzes the server's multipart edit request: the fuzzed bytes are the body of POST /v1/images/edits
 * (boundary "fuzz"). Contract: 200 with an edit, or a 4xx with the OpenAI-shaped error object; never a
 * 500, a hang, or a server that stops answering.
 */
class MultipartFuzzTest {
  static final Set<Integer> CLIENT_ERRORS = Set.of(400, 408, 413, 415, 422, 429, 431);
  static EditPipeline pipeline;
  static EditServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    NDManager m = NDManager.newBaseManager();
    pipeline = new EditPipeline(m, new ReasonBrain(m, 0, ReasonBrainConfig.tiny()), new MiniLmTextEncoder());
    server = new EditServer(pipeline, "tiny", new EditServer.Limits(100_000, 250_000, 1, 60_000));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    pipeline.close();
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void edit(byte[] body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/images/edits")).timeout(Duration.ofSeconds(50))
        .header("Content-Type", "multipart/form-data; boundary=fuzz").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 200) {
      assertTrue(JSON.readTree(r.body()).path("data").isArray(), r.body());
    } else {
      assertTrue(CLIENT_ERRORS.contains(r.statusCode()), "status " + r.statusCode() + ": " + r.body());
      JsonNode err = JSON.readTree(r.body()).path("error");
      assertTrue(err.path("message").isTextual() && err.path("type").isTextual(), r.body());
    }
    HttpResponse<String> h = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, h.statusCode());
  }
}
