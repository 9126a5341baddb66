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
    void aMemberStateOfTheEuropeanUnionLiesWithinTheEu() {
        assertThat(Jurisdictions.withAncestors("DE")).containsExactly("DE", "EU");
        assertThat(Jurisdictions.withAncestors("FR-75")).containsExactly("FR-75", "FR", "EU");
        assertThat(Jurisdictions.withAncestors("GR")).containsExactly("GR", "EU");
        assertThat(Jurisdictions.withAncestors("EL")).containsExactly("EL", "EU");
        assertThat(Jurisdictions.withAncestors("NO")).as("EEA, not EU").containsExactly("NO");
        assertThat(Jurisdictions.withAncestors("GB")).as("left the EU").containsExactly("GB");
        assertThat(Jurisdictions.withAncestors("CH")).containsExactly("CH");
        assertThat(Jurisdictions.EU_MEMBER_STATES).as("27 states, Greece under two codes").hasSize(28);
        assertThat(Jurisdictions.covers("EU", "DE")).isTrue();
        assertThat(Jurisdictions.covers("EU", "IE-D")).isTrue();
        assertThat(Jurisdictions.covers("EU", "NO")).isFalse();
        assertThat(Jurisdictions.covers("DE", "EU")).as("an EU-wide consent is not one given for Germany").isFalse();
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
