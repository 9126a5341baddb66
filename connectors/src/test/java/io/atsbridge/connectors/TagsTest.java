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

    @Test
    void missingTagsAreTheAddedOnesNotPresentYetEachOnceInTheirOrder() {
        assertThat(Tags.missing(java.util.List.of("Ruby", "Comp Sci"), java.util.List.of("figma", "RUBY", "Figma", "SQL")))
                .containsExactly("figma", "SQL");
        assertThat(Tags.missing(java.util.List.of("A"), java.util.List.of("a"))).isEmpty();
    }
}
