package org.nrm.app.letters;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a jurisdiction keeps its decision-letter templates and which font the PDF embeds.
 *
 * @param templates a Spring resource location ending in {@code /} ({@code classpath:/letters/} or
 *                  {@code file:/etc/nrm/letters/}) holding {@code decision-letter.html} (English) and one
 *                  {@code decision-letter_<ISO 639-2>.html} per translation, e.g. {@code decision-letter_fra.html}
 * @param font      a TrueType font file embedded in the PDF (covers the names and the translations' scripts); when
 *                  the file is missing the PDF falls back to the standard Latin fonts
 * @param cache     whether the templates are cached (off lets a jurisdiction edit them on a running platform)
 */
@ConfigurationProperties("nrm.letters")
public record LetterProperties(@DefaultValue("classpath:/letters/") String templates,
                               @DefaultValue("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") String font,
                               @DefaultValue("true") boolean cache) {
}
