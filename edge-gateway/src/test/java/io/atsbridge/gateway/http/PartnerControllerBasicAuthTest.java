package io.atsbridge.gateway.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerControllerBasicAuthTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theKeyIsTheUserNameWithABlankPassword() {
        assertThat(PartnerController.basicUser(basic("partner-key:"))).isEqualTo("partner-key");
        assertThat(PartnerController.basicUser(basic("partner-key"))).isEqualTo("partner-key");
        assertThat(PartnerController.basicUser("basic " + Base64.getEncoder().encodeToString("k:".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("k");
    }

    @Test
    void anythingElseHasNoKey() {
        assertThat(PartnerController.basicUser(null)).isNull();
        assertThat(PartnerController.basicUser("Bearer abc")).isNull();
        assertThat(PartnerController.basicUser("Basic %%%not-base64")).isNull();
        assertThat(PartnerController.basicUser(basic(":password-only"))).isNull();
        assertThat(PartnerController.basicUser(basic("k".repeat(171) + ":"))).isNull();
    }
}
