package io.atsbridge.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log scan finds a watched value wherever a line carries it, and its report never repeats the value. */
class CapturedLogsTest {

    private static final Logger LOG = LoggerFactory.getLogger("io.atsbridge.launcher.scan");
    private static final String SECRET = "scan-test-secret-0123456789";

    @AfterEach
    void forget() {
        CapturedLogs.forget();
    }

    @Test
    void aWatchedValueInAMessageAnArgumentOrACauseIsFoundAndMasked() {
        CapturedLogs.watch("the scan test's secret", List.of(SECRET, "short"));
        long mark = CapturedLogs.mark();
        LOG.info("nothing to see here");
        assertThat(CapturedLogs.leaks(mark)).isEmpty();

        LOG.debug("calling with key {}", SECRET);
        LOG.warn("call failed", new IllegalStateException("wrapped", new IllegalArgumentException("bad key " + SECRET)));
        List<String> leaks = CapturedLogs.leaks(mark);
        assertThat(leaks).hasSize(2).allSatisfy(line -> {
            assertThat(line).doesNotContain(SECRET).contains("<the scan test's secret>");
        });
        assertThat(leaks.get(1)).contains("IllegalArgumentException");
    }

    @Test
    void valuesTooShortToBeTellingAreNotWatched() {
        CapturedLogs.watch("a short value", List.of("abc1234"));
        long mark = CapturedLogs.mark();
        LOG.info("abc1234 appears");
        assertThat(CapturedLogs.leaks(mark)).isEmpty();
    }
}
