package io.atsbridge.adapter.connections.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * The adapter's own settings directly under {@code atsbridge.adapter}; the sections below it have their records
 * ({@code worker}, {@code http}, {@code backfill}, {@code outbound}). Every key and its default is in
 * {@code application-adapter.yml}, and the same defaults stand here for a context built without it.
 * {@link #toString()} never prints a master key.
 *
 * @param masterKey           base64 of the 32-byte AES-256-GCM key that encrypts connection secrets at rest; required,
 *                            checked by {@link SecretCipher} at start-up
 * @param previousMasterKeys  the master keys {@code masterKey} replaced, each base64 of 32 bytes: what they sealed
 *                            still opens, and {@link MasterKeyRotation} seals it again under {@code masterKey}; null
 *                            or empty when the key was never rotated
 * @param mappingProfilesWait how long start-up waits for mapping-service to take the declared mapping profiles
 */
@ConfigurationProperties("atsbridge.adapter")
public record AdapterSettings(
        @Nullable String masterKey,
        @Nullable List<String> previousMasterKeys,
        @Bindable(defaultValue = "60s") Duration mappingProfilesWait) {

    @Override
    public String toString() {
        // Never print the key.
        long previous = previousMasterKeys == null ? 0 : previousMasterKeys.stream().filter(k -> k != null && !k.isBlank()).count();
        return "AdapterSettings[masterKey " + (masterKey == null || masterKey.isBlank() ? "none" : "set")
                + ", previousMasterKeys " + previous
                + ", mappingProfilesWait " + mappingProfilesWait + "]";
    }
}
