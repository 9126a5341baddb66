package io.atsbridge.sandbox.contract;

import java.util.regex.Pattern;

/**
 * A documented path such as {@code /opportunities/{id}/notes}: each {@code {name}} matches exactly one path
 * segment, everything else matches literally.
 *
 * @param text     the template as documented
 * @param literals how many segments are literal, so the most specific of several matching templates wins
 *                 ({@code /candidates/merge} over {@code /candidates/{id}})
 */
record PathTemplate(String text, Pattern pattern, int literals) {

    static PathTemplate of(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + text + "' (expected: a path starting with /)");
        }
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        for (String segment : text.substring(1).split("/", -1)) {
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(segment));
                literals++;
            }
        }
        return new PathTemplate(text, Pattern.compile(regex.toString()), literals);
    }

    boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
