package io.atsbridge.platform.paging;

import io.atsbridge.platform.error.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void defaultsAndRoundTrip() {
        PageRequest first = PageRequest.of(0, "", 100, 500);
        assertThat(first.size()).isEqualTo(100);
        assertThat(first.first()).isTrue();
        PageRequest next = PageRequest.of(20, PageRequest.tokenAfter("2026-01-01|abc"), 100, 500);
        assertThat(next.size()).isEqualTo(20);
        assertThat(next.after()).isEqualTo("2026-01-01|abc");
    }

    @Test
    void rejectsSizeOutOfRange() {
        assertThatThrownBy(() -> PageRequest.of(501, "", 100, 500))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.reason()).isEqualTo("PAGE_SIZE_INVALID");
                    assertThat(e.getMessage()).isEqualTo("page_size: 501 (expected: 0..500; 0 means 100)");
                });
        assertThatThrownBy(() -> PageRequest.of(-1, "", 100, 500)).isInstanceOf(DomainException.class);
    }

    @Test
    void rejectsForeignTokens() {
        assertThatThrownBy(() -> PageRequest.of(10, "not base64 !", 100, 500))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("PAGE_TOKEN_INVALID"));
        assertThatThrownBy(() -> PageRequest.of(10, "aGVsbG8", 100, 500))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("PAGE_TOKEN_INVALID"));
    }
}
