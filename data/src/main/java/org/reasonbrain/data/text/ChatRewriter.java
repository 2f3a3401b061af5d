package org.reasonbrain.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

/**
 * Stage (b) through a language model: asks any OpenAI-compatible chat endpoint ({@code POST
 * {baseUrl}/chat/completions}) to rewrite the explicit instruction as a hypothetical question, as the
 * paper does with GPT. Never needed by the tests or the default build.
 */
public final class ChatRewriter implements HypotheticalRewriter {
  static final String SYSTEM_PROMPT = "You rewrite explicit image-editing instructions into hypothetical "
      + "questions that imply the edit without stating it, e.g. 'make the ice cube melt into a puddle' -> "
      + "'What would happen if the ice cube was left in the sun?'. Answer with the question only.";

  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public ChatRewriter(String baseUrl, String model, String apiKey) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.endpoint = URI.create(base + "/chat/completions");
    this.model = model;
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public String rewrite(Request req, Random rng) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0.7);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
    messages.addObject().put("role", "user").put("content", req.initialInstruction());
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null && !apiKey.isBlank()) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    try {
      HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() / 100 != 2) {
        throw new IllegalStateException("chat endpoint " + endpoint + " answered HTTP " + resp.statusCode());
      }
      JsonNode content = json.readTree(resp.body()).path("choices").path(0).path("message").path("content");
      if (!content.isTextual() || content.asText().isBlank()) {
        throw new IllegalStateException("chat endpoint " + endpoint + " returned no message content");
      }
      return content.asText().trim();
    } catch (IOException e) {
      throw new IllegalStateException("chat endpoint " + endpoint + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + endpoint, e);
    }
  }
}
