package org.reasonbrain.app;

import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.text.ChatRewriter;
import org.reasonbrain.data.text.HypotheticalRewriter;
import picocli.CommandLine.Option;

/** The options of {@code data build} (besides --out and --force), shared by the local command and the Spark one. */
public final class BuildOptions {
  @Option(names = "--samples", defaultValue = "2000", description = "Total samples over all splits (default ${DEFAULT-VALUE}; Reason50K has 51039).")
  int samples;

  @Option(names = "--seed", defaultValue = "1", description = "Seed: same seed and settings give byte-identical files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--size", defaultValue = "64", description = "Image side in pixels, 32..512 (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--candidates", defaultValue = "4", description = "Candidate sources per target for hybrid scoring (default ${DEFAULT-VALUE}).")
  int candidates;

  @Option(names = "--rivals", defaultValue = "0", description = "Share of samples (0..1) whose scene also holds a rival subject that the instruction leaves alone, so only the instruction says which object changes (default ${DEFAULT-VALUE}: the standard build).")
  double rivals;

  @Option(names = "--held-out-bystanders", defaultValue = "0", description = "Share of samples (0..1) whose scene also holds, unchanged, a subject that test-composition reserves for another family: the held-out (subject, rule) pairs stay out of training, the objects are no longer unseen (default ${DEFAULT-VALUE}: the standard build).")
  double heldOutBystanders;

  @Option(names = "--extra-subjects", defaultValue = "0", description = "Share (0..1) of the samples outside test-composition, of a family with extra seen subjects, whose subject is one of them: more kinds of object trained under the same rule, never the one test-composition holds out (default ${DEFAULT-VALUE}: the standard build).")
  double extraSubjects;

  @Option(names = "--random-shapes", defaultValue = "0", description = "Share (0..1) of the samples outside test-composition, of a family with a shape-free subject (melt: a wax figure, drop: a trinket), whose subject is that one, a new silhouette and colour in every sample: the rule seen on objects no two alike (default ${DEFAULT-VALUE}: the standard build).")
  double randomShapes;

  @Option(names = "--take-away", defaultValue = "0", description = "Share (0..1) of the train and val samples that are, instead of their family's edit, the named object taken out of one of that family's scenes (\"What would happen if someone carried the snowman away?\"): the one rule that acts on any object the same way, test-composition's reserved subjects included, never a held-out (subject, rule) pair (default ${DEFAULT-VALUE}: the standard build).")
  double takeAway;

  @Option(names = "--outcome-bystanders", defaultValue = "0", description = "Share (0..1) of the train and val samples whose scene also holds, unchanged, a subject that test-composition reserves for another family, in the state that family's rule leaves it in (the snowman already a puddle, the plate already in shards): what the changed object looks like is seen, the held-out edit never is (default ${DEFAULT-VALUE}: the standard build).")
  double outcomeBystanders;

  @Option(names = "--generic-nouns", defaultValue = "0", description = "Share (0..1) of the single-step train samples without a rival, take-away samples aside, whose instruction calls the subject \"the object\" instead of naming it (\"What would happen if the object was left in the sun?\"): the rule is read from the rest of the instruction and the image, not keyed on the noun (default ${DEFAULT-VALUE}: the standard build).")
  double genericNouns;

  @Option(names = "--counterfactual", defaultValue = "0", description = "Share (0..1) of the train and val samples that are rows of counterfactual sets: blocks of four rows showing one scene with a host and a rival subject, asked about the host, about the rival, for nothing, and about an object the scene does not hold, each with its own target (the test-counterfactual split is made of such sets in every build; default ${DEFAULT-VALUE}: train and val standard).")
  double counterfactual;

  @Option(names = "--threads", description = "Worker threads (default: one per core).")
  Integer threads;

  @Option(names = "--rewriter-url", description = "Optional OpenAI-compatible chat endpoint for stage (b), e.g. http://localhost:8000/v1.")
  String rewriterUrl;

  @Option(names = "--rewriter-model", defaultValue = "gpt-4o-mini", description = "Model name for --rewriter-url (default ${DEFAULT-VALUE}).")
  String rewriterModel;

  public BuildSettings settings() {
    BuildSettings.Builder b = BuildSettings.builder(samples, seed).size(size).candidates(candidates).rivals(rivals)
        .heldOutBystanders(heldOutBystanders).extraSubjects(extraSubjects).randomShapes(randomShapes).takeAway(takeAway)
        .outcomeBystanders(outcomeBystanders).genericNouns(genericNouns).counterfactual(counterfactual);
    if (threads != null) {
      b.threads(threads);
    }
    return b.build();
  }

  /** The chat rewriter of stage (b) when --rewriter-url is given; null for the built-in grammar rewriter. */
  public HypotheticalRewriter rewriter() {
    return rewriterUrl == null ? null : new ChatRewriter(rewriterUrl, rewriterModel, System.getenv("OPENAI_API_KEY"));
  }

  /** The lines a finished build prints: where, how fast ({@code on} says on what, may be empty), splits and categories. */
  public static void printResult(org.reasonbrain.data.build.DatasetBuilder.Result r, Object where, String on) {
    System.out.printf(java.util.Locale.ROOT, "built %d samples in %s in %.1f s (%.1f samples/s)%s%n", r.samples(), where, r.seconds(),
        r.samples() / r.seconds(), on);
    System.out.println("splits: " + r.perSplit());
    System.out.println("categories: " + r.perCategory());
  }

  public String rewriterUrl() {
    return rewriterUrl;
  }

  public String rewriterModel() {
    return rewriterModel;
  }
}
