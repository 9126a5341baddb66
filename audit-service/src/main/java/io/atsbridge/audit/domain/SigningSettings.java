package io.atsbridge.audit.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How audit-service signs tree heads, {@code atsbridge.audit.signing.*}; every key and its default is in
 * {@code application-audit.yml}. {@link #toString()} never prints the private key.
 *
 * @param privateKey         base64 of the 32-byte Ed25519 private key (the RFC 8032 seed); without it heads are not
 *                           signed (a warning at start-up says so)
 * @param keyId              the name of that key in every head it signs; empty: {@code ed25519-} and the first 8 bytes
 *                           of the SHA-256 of its public key, in hex
 * @param previousPublicKeys the public keys of earlier signing keys, so heads they signed still verify after a
 *                           rotation: {@code keyId=base64 of the 32-byte public key}, comma-separated
 * @param interval           how often the heads of logs that grew since their last signed head are signed
 * @param headDirectory      a directory where every newly signed head is also written as a JSON file, for an outside
 *                           party to collect; empty: none
 */
@ConfigurationProperties("atsbridge.audit.signing")
public record SigningSettings(
        @Nullable String privateKey,
        @Nullable String keyId,
        @Nullable String previousPublicKeys,
        @Bindable(defaultValue = "10m") Duration interval,
        @Nullable String headDirectory) {

    @Override
    public String toString() {
        // Never print the key.
        return "SigningSettings[privateKey " + (privateKey == null || privateKey.isBlank() ? "none" : "set")
                + ", keyId " + keyId + ", previousPublicKeys " + previousPublicKeys + ", interval " + interval
                + ", headDirectory " + headDirectory + "]";
    }
}
