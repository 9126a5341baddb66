package io.atsbridge.consent.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DataCategoriesTest {

    @Test
    void aFamilyOrStarCoversItsMembers() {
        assertThat(DataCategories.covers("video", "video")).isTrue();
        assertThat(DataCategories.covers("*", "score")).isTrue();
        assertThat(DataCategories.covers("biometric", "biometric.voiceprint")).isTrue();
        assertThat(DataCategories.covers("biometric.voiceprint", "biometric")).isFalse();
        assertThat(DataCategories.covers("bio", "biometric.voiceprint")).as("prefix of a name, not a family").isFalse();
        assertThat(DataCategories.covers("personal_data", "biometric.voiceprint")).isTrue();
        assertThat(DataCategories.covers("personal_data", "video")).isTrue();
        assertThat(DataCategories.covers("personal_data", "job_posting")).as("not personal data").isFalse();
        assertThat(DataCategories.covers("biometric.face_geometry", "biometric.face_template"))
                .as("a facial template is face geometry").isTrue();
        assertThat(DataCategories.covers("video", "voice_recording")).isFalse();
    }

    @Test
    void theOverlapIsTheMoreSpecificCategory() {
        assertThat(DataCategories.overlap("biometric.voiceprint", "biometric.voiceprint")).hasValue("biometric.voiceprint");
        assertThat(DataCategories.overlap("biometric.voiceprint", "biometric")).hasValue("biometric.voiceprint");
        assertThat(DataCategories.overlap("*", "score")).hasValue("score");
        assertThat(DataCategories.overlap("biometric", "biometric.face_template")).hasValue("biometric.face_template");
        assertThat(DataCategories.overlap("video", "score")).isEmpty();
    }

    @Test
    void unknownCategoriesAreRefusedNamingTheVocabulary() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataCategories.check("data_categories", "vidoe"))
                .isInstanceOf(io.atsbridge.platform.error.DomainException.class)
                .hasMessageContaining("data_categories: 'vidoe' is not a data category (expected one of: personal_data, "
                        + "biometric, biometric.voiceprint");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataCategories.check("data_categories", "*"))
                .isInstanceOf(io.atsbridge.platform.error.DomainException.class);
    }
}
