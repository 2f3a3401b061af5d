package org.reasonbrain.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.reasonbrain.core.image.Images;

/**
 * The MLLM score of App. D: a vision-language model reached through any OpenAI-compatible chat endpoint
 * ({@code POST {baseUrl}/chat/completions}) answers 1 or 0 to the paper's prompt for the edited image.
 * Off unless configured; the tests use a local fake server.
 */
public final class MllmJudge {
  /** The prompt of App. D, with the three descriptions filled in. */
  static final String PROMPT = "The input description: %s, the editing instruction: %s, and the output description: %s. "
      + "Please evaluate if the given edited image has been successfully edited. If yes, return 1; if not, return 0.";

  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  public MllmJudge(String baseUrl, String model, String apiKey) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.endpoint = URI.create(base + "/chat/completions");
    this.model = model;
    this.apiKey = apiKey;
  }

  /** 1 if the model answers that the edit succeeded, 0 if not; fails on an unusable answer. */
  public int judge(BufferedImage edit, String inputDescription, String instruction, String outputDescription) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    var content = body.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "text").put("text", String.format(PROMPT, inputDescription, instruction, outputDescription));
    content.addObject().put("type", "image_url").putObject("image_url")
        .put("url", "data:image/png;base64," + Base64.getEncoder().encodeToString(Images.pngBytes(edit)));
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null && !apiKey.isBlank()) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("MLLM judge at " + endpoint + " answered HTTP " + r.statusCode());
      }
      JsonNode text = json.readTree(r.body()).path("choices").path(0).path("message").path("content");
      String t = text.asText("").trim();
      if (t.startsWith("1")) {
        return 1;
      }
      if (t.startsWith("0")) {
        return 0;
      }
      throw new IllegalStateException("MLLM judge answered '" + t + "', expected 1 or 0");
    } catch (IOException e) {
      throw new IllegalStateException("MLLM judge at " + endpoint + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
