package org.reasonbrain.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesEverythingThatEndsATextOrAnAttribute() {
    String hostile = "images/a'\"><script>alert(1)</script>&.png";
    String e = Html.escape(hostile);
    assertEquals("images/a&#39;&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;.png", e);
    for (String c : new String[] {"'", "\"", "<", ">"}) {
      assertFalse(e.contains(c), c);
    }
    // Inside a double- or a single-quoted attribute the value cannot close it.
    String attr = "<img title=\"" + e + "\" alt='" + e + "'>";
    assertEquals(2, attr.chars().filter(ch -> ch == '"').count());
    assertEquals(2, attr.chars().filter(ch -> ch == '\'').count());
  }
}
