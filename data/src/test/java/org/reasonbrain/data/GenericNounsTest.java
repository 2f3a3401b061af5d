package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.SampleFactory;
import org.reasonbrain.data.build.Split;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Rivals;
import org.reasonbrain.data.families.TakeAway;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.text.Lexicon;

/** Generic nouns ({@code --generic-nouns}): some train instructions call their subject "the object". */
class GenericNounsTest {
  @Test
  void everySynonymWithItsArticleBecomesTheObject() {
    assertEquals("What would happen if the object was left in the sun?",
        Lexicon.generic("What would happen if the snow figure was left in the sun?", "snowman"));
    assertEquals("Imagine an object on the shelf and the object fell.",
        Lexicon.generic("Imagine a dinner plate on the shelf and the plate fell.", "plate"));
    assertEquals("Suppose the object and the tennis ball got onto the seesaw.",
        Lexicon.generic("Suppose the heavy bowling ball and the tennis ball got onto the seesaw.", "bowling ball"));
    // A sentence that names the object by none of its synonyms, or a key without synonyms, stays as it is.
    assertEquals("Show what would happen if nobody turned off the tap.",
        Lexicon.generic("Show what would happen if nobody turned off the tap.", "glass"));
    assertEquals("The snowman melts.", Lexicon.generic("The snowman melts.", "no such object"));
  }

  @Test
  void onlySingleStepTrainSamplesWithoutARivalOrTakeAwayLoseTheirNoun_theRestIsTheStandardBuild() throws Exception {
    SampleFactory f = new SampleFactory(BuildSettings.builder(400, 6).size(64).candidates(2).threads(1).rivals(0.5)
        .takeAway(0.3).genericNouns(1.0).build(), null);
    SampleFactory std = new SampleFactory(BuildSettings.builder(400, 6).size(64).candidates(2).threads(1).rivals(0.5)
        .takeAway(0.3).build(), null);
    int generic = 0;
    int train = 0;
    for (int i = 0; i < 400; i++) {
      Sample a = f.make(i, (p, b) -> { });
      Sample b = std.make(i, (p, bytes) -> { });
      Episode ep = std.episode(i);
      boolean eligible = f.spec(i).split() == Split.TRAIN && ep.steps().size() == 1 && !ep.source().has(Rivals.ID)
          && !(ep.family() instanceof TakeAway);
      train += f.spec(i).split() == Split.TRAIN ? 1 : 0;
      if (!eligible || a.instruction().equals(b.instruction())) {
        assertEquals(b, a, "sample " + i + " is the standard one");
        continue;
      }
      assertTrue(eligible, "sample " + i);
      generic++;
      assertTrue(a.instruction().contains("object"), a.instruction());
      for (String w : Lexicon.synonyms(ep.subject().noun())) {
        assertFalse(a.instruction().toLowerCase(Locale.ROOT).matches(".*\\b" + w + "\\b.*"), a.instruction());
      }
      assertEquals(b.initialInstruction(), a.initialInstruction(), "the explicit instruction still names it");
      assertEquals(b.target(), a.target());
    }
    assertTrue(generic > train / 5, "a share of the train samples lost their noun: " + generic + " of " + train);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BuildSettings.builder(10, 1).size(64).candidates(4).threads(1).genericNouns(-0.5).build());
    assertTrue(e.getMessage().contains("--generic-nouns"), e.getMessage());
  }
}
