package io.atsbridge.mapping.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFitTest {

    @Test
    void textThatFitsIsKeptAsItIs() {
        assertThat(TextFit.cut("Clear answers.", 14)).isEqualTo("Clear answers.");
        assertThat(TextFit.cut("Clear answers.", 0)).isEqualTo("Clear answers.");
    }

    @Test
    void longTextIsCutAtTheLastWordThatFitsAndMarked() {
        String cut = TextFit.cut("Clear and structured answers about distributed systems.", 40);
        assertThat(cut).isEqualTo("Clear and structured answers about\u2026");
        assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(40);
    }

    @Test
    void aCutRightBeforeASpaceKeepsTheWholeWord() {
        assertThat(TextFit.cut("one two three", 8)).isEqualTo("one two\u2026");
    }

    @Test
    void punctuationBeforeTheCutIsDropped() {
        assertThat(TextFit.cut("first, second, third", 15)).isEqualTo("first, second\u2026");
    }

    @Test
    void aSingleWordLongerThanTheLimitIsCutInsideTheWord() {
        assertThat(TextFit.cut("Supercalifragilistic", 6)).isEqualTo("Super\u2026");
    }

    @Test
    void cutsCountCharactersAndNeverSplitOne() {
        // Each emoji is one code point but two UTF-16 units.
        String text = "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00";
        String cut = TextFit.cut(text, 3);
        assertThat(cut).isEqualTo("\uD83D\uDE00\uD83D\uDE00\u2026");
        assertThat(TextFit.cut(text, 4)).isEqualTo(text);
    }

    @Test
    void oneLineJoinsLinesAndSpaces() {
        assertThat(TextFit.oneLine("  Strong\r\n\tcandidate  overall \n")).isEqualTo("Strong candidate overall");
    }
}
