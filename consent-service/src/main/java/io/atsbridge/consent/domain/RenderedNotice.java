package io.atsbridge.consent.domain;

/**
 * A notice's text with its variables filled, as the candidate sees it.
 *
 * @param notice     the catalogue entry it was rendered from
 * @param text       the text, lines separated by {@code \n}
 * @param textSha256 the SHA-256 of the text's UTF-8 bytes, lower-case hex: what a recorded notice names
 */
public record RenderedNotice(NoticeTemplate notice, String text, String textSha256) {
}
