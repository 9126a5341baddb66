package io.atsbridge.consent.domain;

/**
 * Which text a notice entry ({@code notice:<notice id>}) says the candidate was shown.
 *
 * @param version    the notice's version
 * @param textSha256 the SHA-256 of the rendered text, lower-case hex
 */
public record NoticeShown(int version, String textSha256) {
}
