package io.atsbridge.sandbox.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningTest {

    @Test
    void rubyJsonEscapesHtmlCharactersControlsAndNonAsciiInLowercaseHex() throws Exception {
        ObjectNode node = new ObjectMapper().createObjectNode()
                .put("content", "<p>Tom & Jerry</p>")
                .put("name", "Zoë 😀")
                .put("control", "a\u0001b\nc");

        String json = RubyJson.write(node);

        assertThat(json).isEqualTo("{\"content\":\"\\u003cp\\u003eTom \\u0026 Jerry\\u003c/p\\u003e\","
                + "\"name\":\"Zo\\u00eb \\ud83d\\ude00\",\"control\":\"a\\u0001b\\nc\"}");
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(node);
        assertThat(RubyJson.bytes(node)).isEqualTo(json.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void hmacMatchesRfc4231TestCase2() {
        byte[] mac = HmacSha256.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(java.util.HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void greenhouseSignatureIsAlgorithmSpaceLowercaseHex() {
        String header = GreenhouseSignature.headerValue("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(header).isEqualTo("sha256 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void standardWebhooksSignatureMatchesTheSpecificationsExample() {
        // The example of the Standard Webhooks reference libraries' tests.
        String header = StandardWebhooksSignature.headerValue("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void standardWebhooksSecretMustBeBase64() {
        assertThatThrownBy(() -> StandardWebhooksSignature.keyOf("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64");
    }
}
