package io.atsbridge.mapping.domain;

import java.util.regex.Pattern;

/** Fitting text into ATS fields: one-line text and cuts at word boundaries. Lengths count code points. */
final class TextFit {

    /** Marks a cut, so a reader knows the text goes on at the source. */
    static final String ELLIPSIS = "\u2026";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String TRAILING_PUNCTUATION = ",;:-\u2013\u2014";

    private TextFit() {
    }

    /** The text on one line: trimmed, every run of whitespace (line breaks included) one space. */
    static String oneLine(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    /**
     * The text cut to at most {@code max} code points, at the last word boundary that fits, ending in
     * an ellipsis when cut. A single word longer than the limit is cut inside the word. Code points,
     * not UTF-16 units, so that a cut never splits a character.
     *
     * @param max the limit; 0 means no limit
     */
    static String cut(String text, int max) {
        if (max == 0 || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        // The ellipsis takes one of the characters.
        int end = text.offsetByCodePoints(0, max - 1);
        int cut = end;
        if (!Character.isWhitespace(text.codePointAt(end))) {
            int space = end - 1;
            while (space > 0 && !Character.isWhitespace(text.charAt(space))) {
                space--;
            }
            if (space > 0) {
                cut = space;
            }
        }
        String head = stripEnd(text.substring(0, cut));
        if (head.isEmpty()) {
            head = stripEnd(text.substring(0, end));
        }
        return head + ELLIPSIS;
    }

    /** Trailing whitespace and the punctuation that reads badly before an ellipsis. */
    private static String stripEnd(String text) {
        int end = text.length();
        while (end > 0 && (Character.isWhitespace(text.charAt(end - 1)) || TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0)) {
            end--;
        }
        return text.substring(0, end);
    }
}
