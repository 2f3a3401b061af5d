package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.app.server.EditServer;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

/**
 * Slow and abusive clients: headers that never end, a body trickled in, many idle connections, oversized
 * headers and a burst of edits. None may block another client's edit or /healthz.
 */
class ServerAbuseTest {
  static final int PORT_IDLE_MS = 1500;
  static EditPipeline pipeline;
  static EditServer server;
  static int port;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    NDManager m = NDManager.newBaseManager();
    pipeline = new EditPipeline(m, new ReasonBrain(m, 0, ReasonBrainConfig.tiny()), new MiniLmTextEncoder());
    server = new EditServer(pipeline, "tiny", new EditServer.Limits(200_000, 1_000_000, 2, 60_000, PORT_IDLE_MS, 2048, 8 * 1024));
    port = server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    pipeline.close();
  }

  private static HttpResponse<String> healthz() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest edit() {
    return ServerTest.multipart("http://127.0.0.1:" + port, "/v1/images/edits", List.of(ServerTest.image(ServerTest.png(40, 40), "image/png"),
        new Object[] {"prompt", null, null, "What if the ice cube melted?"}, new Object[] {"steps", null, null, "1"}));
  }

  /** An edit, retried while the queue is full (another test's burst may still be draining). */
  private static HttpResponse<String> editWhenFree() throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> r = HTTP.send(edit(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 429 || attempt == 50) {
        return r;
      }
      Thread.sleep(200);
    }
  }

  /** Reads until the server closes the socket; returns what it sent, or throws if it stays open past {@code millis}. */
  private static String readToClose(Socket s, int millis) throws IOException {
    s.setSoTimeout(millis);
    InputStream in = s.getInputStream();
    byte[] all = in.readAllBytes();
    return new String(all, StandardCharsets.ISO_8859_1);
  }

  @Test
  void headersThatNeverEndAreDroppedAfterTheIdleTimeoutAndBlockNobody() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        Socket s = new Socket("127.0.0.1", port);
        idle.add(s);
        // Half send a request line and never finish the headers; half send nothing at all.
        if (i % 2 == 0) {
          s.getOutputStream().write("POST /v1/images/edits HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        }
      }
      // Others are served meanwhile: health and a real edit.
      assertEquals(200, healthz().statusCode());
      HttpResponse<String> r = editWhenFree();
      assertEquals(200, r.statusCode(), r.body());
      // Every idle connection is closed by the server within the idle timeout (plus slack).
      long t0 = System.nanoTime();
      for (Socket s : idle) {
        readToClose(s, PORT_IDLE_MS + 5000);
      }
      assertTrue((System.nanoTime() - t0) / 1e6 < PORT_IDLE_MS + 6000);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void aTrickledBodyIsCutOffAndDoesNotDelayOtherEdits() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      String boundary = "trickle";
      out.write(("POST /v1/images/edits HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + boundary
          + "\r\nContent-Length: 150000\r\n\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      CompletableFuture<Boolean> trickle = CompletableFuture.supplyAsync(() -> {
        try {
          for (int i = 0; i < 200; i++) {        // 10 bytes every 100 ms: 100 B/s, far below the 2,048 B/s floor
            out.write("aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(100);
          }
          return false;
        } catch (IOException e) {
          return true;                           // the server hung up on us
        } catch (InterruptedException e) {
          return false;
        }
      });
      long t0 = System.nanoTime();
      HttpResponse<String> r = editWhenFree();
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(200, healthz().statusCode());
      // The trickler gets 408 (or a closed connection) well before its 20 s of trickling is over.
      String answer = readToClose(s, 15_000);
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408") || answer.startsWith("HTTP/1.1 400")
          || answer.startsWith("HTTP/1.1 500"), answer.lines().findFirst().orElse(""));
      assertTrue((System.nanoTime() - t0) / 1e9 < 18, "the slow body was not cut off");
      trickle.cancel(true);
    }
  }

  @Test
  void oversizedHeadersAreRefusedWith431() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      String big = "x".repeat(20_000);
      s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String answer;
      try {
        answer = readToClose(s, 10_000);
      } catch (SocketTimeoutException e) {
        answer = "(no answer)";
      }
      assertTrue(answer.startsWith("HTTP/1.1 431"), answer.lines().findFirst().orElse("(closed)"));
    }
    assertEquals(200, healthz().statusCode());
  }

  @Test
  void aBurstOfEditsKeepsTheQueueBoundedAndHealthAnswering() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      burst.add(HTTP.sendAsync(edit(), HttpResponse.BodyHandlers.ofString()));
    }
    int maxLoad = 0;
    while (!burst.stream().allMatch(CompletableFuture::isDone)) {
      HttpResponse<String> h = healthz();
      assertEquals(200, h.statusCode());
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(h.body());
      maxLoad = Math.max(maxLoad, json.path("queue").asInt());
      // "queue" counts the running edit too: at most the capacity waiting plus the one running.
      assertTrue(json.path("queue").asInt() <= json.path("queue_capacity").asInt() + 1, h.body());
      Thread.sleep(20);
    }
    int ok = 0;
    int busy = 0;
    for (var f : burst) {
      int code = f.get().statusCode();
      ok += code == 200 ? 1 : 0;
      busy += code == 429 ? 1 : 0;
      assertTrue(code == 200 || code == 429, "status " + code + ": " + f.get().body());
    }
    assertTrue(ok >= 1 && busy >= 1, ok + " served, " + busy + " refused");
    assertTrue(maxLoad <= 3, "queue load " + maxLoad);
    assertEquals(200, healthz().statusCode());
  }
}
