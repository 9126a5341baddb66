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
}
