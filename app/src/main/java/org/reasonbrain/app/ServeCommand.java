package org.reasonbrain.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.reasonbrain.app.server.EditServer;
import org.reasonbrain.infer.EditPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain serve}: the OpenAI-compatible edit API and the web page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the edit API (POST /v1/images/edits, /v1/edits/chain) and the web page at /.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model or run folder (default: the shipped models/default).")
  Path model;

  @Option(names = "--port", defaultValue = "8080", description = "Port (0 picks a free one; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--queue", defaultValue = "8", description = "Edits that may wait; more get 429 (default ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--max-upload-mb", defaultValue = "8", description = "Largest upload in MiB (default ${DEFAULT-VALUE}).")
  int maxUploadMb;

  @Option(names = "--max-pixels", defaultValue = "16777216", description = "Largest image in pixels, read from the header before decoding (default ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--timeout-s", defaultValue = "120", description = "Per-request time limit in seconds (default ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--port-file", description = "Write the chosen port to this file once listening (for scripts).")
  Path portFile;

  @Override
  public Integer call() throws Exception {
    model = DefaultModel.resolve(model);
    EditPipeline pipeline = EditPipeline.load(model);
    String name = new ObjectMapper().readTree(model.resolve("config.json").toFile()).path("preset").asText("model");
    EditServer server = new EditServer(pipeline, name,
        new EditServer.Limits(maxUploadMb * 1024L * 1024, maxPixels, queue, timeout * 1000L));
    int p = server.start(host, port);
    System.out.println("serving " + model + " on http://" + host + ":" + p + "/ (API: /v1/images/edits)");
    if (portFile != null) {
      org.reasonbrain.core.io.AtomicFiles.writeString(portFile, Integer.toString(p));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      pipeline.close();
    }));
    new CountDownLatch(1).await();
    return 0;
  }
}
