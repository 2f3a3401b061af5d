package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"demo", "--help"}, {"data", "--help"}, {"data", "build", "--help"},
        {"data", "check", "--help"}, {"data", "preview", "--help"}}) {
      Run r = run(cmd);
      assertEquals(0, r.code(), String.join(" ", cmd));
      assertTrue(r.out().contains("Usage:"), String.join(" ", cmd));
    }
  }

  @Test
  void buildCheckAndPreviewWork(@TempDir Path tmp) throws Exception {
    Path ds = tmp.resolve("ds");
    assertEquals(0, run("data", "build", "--out", ds.toString(), "--samples", "30", "--size", "32").code());
    assertEquals(0, run("data", "check", ds.toString()).code());
    assertEquals(0, run("data", "preview", ds.toString()).code());
    assertTrue(Files.exists(ds.resolve("preview.png")));
    // A second build into the same folder is refused without --force, with a message and no stack trace.
    Run again = run("data", "build", "--out", ds.toString(), "--samples", "30");
    assertEquals(2, again.code());
    assertTrue(again.err().startsWith("error: ") && again.err().contains("--force"), again.err());
    Run badSize = run("data", "build", "--out", tmp.resolve("x").toString(), "--size", "9");
    assertEquals(2, badSize.code());
    assertTrue(badSize.err().contains("--size must be between 32 and 512"), badSize.err());
  }

  @Test
  void checkNamesTheBadLineAndExitsNonZero(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("manifest.jsonl"), "{\"id\":\"a\"}\n");
    CommandLine cl = Main.commandLine();
    var errBuf = new java.io.ByteArrayOutputStream();
    var saved = System.err;
    System.setErr(new java.io.PrintStream(errBuf, true));
    int code;
    try {
      code = cl.execute("data", "check", tmp.toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals(1, code);
    assertTrue(errBuf.toString().contains("manifest.jsonl line 1, field 'split': missing required field 'split'"), errBuf.toString());
  }
}
