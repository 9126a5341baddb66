package io.atsbridge.connectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding tags to a candidate's without repeating one it has. */
class TagsTest {

    @Test
    void tagsMergeKeepingTheCandidatesAndAddingOnlyNewOnes() {
        assertThat(Tags.merge(java.util.List.of("Ruby", "Comp Sci"), java.util.List.of("ai-skill:Figma", "ruby")))
                .containsExactly("Ruby", "Comp Sci", "ai-skill:Figma");
        assertThat(Tags.merge(java.util.List.of("A"), java.util.List.of("a"))).containsExactly("A");
    }
}
