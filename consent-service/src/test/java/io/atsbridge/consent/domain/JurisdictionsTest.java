package io.atsbridge.consent.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JurisdictionsTest {

    @Test
    void aCodeBringsInItsAncestorsNearestFirst() {
        assertThat(Jurisdictions.withAncestors("US-NY-NYC")).containsExactly("US-NY-NYC", "US-NY", "US");
        assertThat(Jurisdictions.withAncestors("CA-ON")).containsExactly("CA-ON", "CA");
        assertThat(Jurisdictions.withAncestors("EU")).containsExactly("EU");
    }

    @Test
    void aPlaceCoversItselfAndWhatLiesWithinItOnly() {
        assertThat(Jurisdictions.covers("US-IL", "US-IL")).isTrue();
        assertThat(Jurisdictions.covers("US", "US-IL")).isTrue();
        assertThat(Jurisdictions.covers("US-NY", "US-NY-NYC")).isTrue();
        assertThat(Jurisdictions.covers("US-IL", "US")).isFalse();
        assertThat(Jurisdictions.covers("US-N", "US-NY")).as("prefix of a code, not a parent").isFalse();
        assertThat(Jurisdictions.covers("CA", "CA-ON")).isTrue();
        assertThat(Jurisdictions.covers("CA-ON", "CA-QC")).isFalse();
    }

    @Test
    void theCodeShapeAcceptsRegionsWithUpToTwoSubdivisions() {
        assertThat(Jurisdictions.CODE.matcher("US-NY-NYC").matches()).isTrue();
        assertThat(Jurisdictions.CODE.matcher("EU").matches()).isTrue();
        assertThat(Jurisdictions.CODE.matcher("us-il").matches()).isFalse();
        assertThat(Jurisdictions.CODE.matcher("US-NY-NYC-X").matches()).isFalse();
        assertThat(Jurisdictions.CODE.matcher("USA").matches()).isFalse();
    }
}
