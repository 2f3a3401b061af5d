package org.reasonbrain.core.io;

import java.awt.image.BufferedImage;
import java.util.Base64;
import org.reasonbrain.core.image.Images;

/** The two pieces every generated HTML page (galleries, previews, the demo) needs. */
public final class Html {
  private Html() {}

  /** Text safe inside an element or an attribute, single- or double-quoted. */
  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
  }

  /** The image as an inline PNG {@code data:} URL. */
  public static String dataUrl(BufferedImage img) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(Images.pngBytes(img));
  }
}
