package io.atsbridge.audit.domain;

import io.atsbridge.platform.error.DomainException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeafEncodingTest {

    private static final Instant OCCURRED = Instant.parse("2024-05-01T12:00:00.123456Z");
    private static final byte[] PAYLOAD = ReferenceMerkle.sha256("payload".getBytes(StandardCharsets.UTF_8));

    private static RecordContent content(String traceId, String actor, Map<String, String> attributes) {
        return RecordContent.of("rec-1", traceId, "consent.decided", actor, "cand-1", "gh-acme", attributes,
                PAYLOAD, OCCURRED);
    }

    @Test
    void encodingFollowsTheDocumentedFormatByteForByte() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("zeta", "z");
        attributes.put("alpha", "ä");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(1);
        for (String field : new String[] {"rec-1", "trace-1", "consent.decided", "adapter-service", "cand-1", "gh-acme"}) {
            writeString(expected, field);
        }
        expected.writeBytes(ByteBuffer.allocate(4).putInt(2).array());
        writeString(expected, "alpha");
        writeString(expected, "ä");
        writeString(expected, "zeta");
        writeString(expected, "z");
        expected.writeBytes(ByteBuffer.allocate(4).putInt(32).array());
        expected.writeBytes(PAYLOAD);
        expected.writeBytes(ByteBuffer.allocate(8).putLong(1_714_564_800_123_456L).array());

        RecordContent content = content("trace-1", "adapter-service", attributes);
        assertThat(LeafEncoding.encode(content)).isEqualTo(expected.toByteArray());
        assertThat(LeafEncoding.leafHash(content)).isEqualTo(ReferenceMerkle.leafHash(expected.toByteArray()));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        RecordContent one = content("trace-ab", "c", Map.of());
        RecordContent other = content("trace-a", "bc", Map.of());
        assertThat(LeafEncoding.encode(one)).isNotEqualTo(LeafEncoding.encode(other));
    }

    @Test
    void attributeOrderDoesNotMatterButEveryAttributeDoes() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        assertThat(LeafEncoding.leafHash(content("t", "x", forward)))
                .isEqualTo(LeafEncoding.leafHash(content("t", "x", backward)));
        assertThat(LeafEncoding.leafHash(content("t", "x", Map.of("a", "1"))))
                .isNotEqualTo(LeafEncoding.leafHash(content("t", "x", forward)));
    }

    @Test
    void checkingCutsOccurTimeToTheMicrosecondsTheLogKeeps() {
        RecordContent precise = RecordContent.of("rec-1", "t", "consent.decided", "x", "", "", Map.of(), new byte[0],
                Instant.parse("2024-05-01T12:00:00.123456789Z"));
        RecordContent checked = precise.checked(0);
        assertThat(checked.occurTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
        assertThat(checked.recordId()).isEqualTo("rec-1");
    }

    @Test
    void checkingNamesTheRecordAndFieldThatIsWrong() {
        RecordContent noAction = RecordContent.of("rec-1", "t", "", "x", "", "", Map.of(), new byte[0], OCCURRED);
        assertThatThrownBy(() -> noAction.checked(7)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo("ACTION_MISSING");
            assertThat(e.getMessage()).startsWith("records[7].action is empty");
            assertThat(e.metadata()).containsEntry("field", "records[7].action");
        });
    }

    @Test
    void unsetOccurTimeCannotBeEncoded() {
        RecordContent unset = RecordContent.of("rec-1", "t", "a.b", "x", "", "", Map.of(), new byte[0], null);
        assertThatThrownBy(() -> LeafEncoding.encode(unset)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
