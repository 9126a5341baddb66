package io.atsbridge.mapping.persistence;

import io.atsbridge.mapping.domain.MappingProfile;
import io.atsbridge.mapping.domain.ProfileVersions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/** The table {@code mapping_profile_version}, with each version's rules as one JSON document ({@link ProfileRules}). */
@Singleton
final class JdbcProfileVersions implements ProfileVersions {

    private final ProfileVersionRepository versions;
    private final JsonMapper json;

    JdbcProfileVersions(ProfileVersionRepository versions, JsonMapper json) {
        this.versions = versions;
        this.json = json;
    }

    @Override
    public Optional<MappingProfile> findByRequestId(String tenantId, String requestId) {
        return versions.findByTenantIdAndRequestId(tenantId, requestId).map(this::toProfile);
    }

    @Override
    public Optional<MappingProfile> findLatest(String tenantId, String profileId) {
        return versions.findFirstByTenantIdAndProfileIdOrderByVersionDesc(tenantId, profileId).map(this::toProfile);
    }

    @Override
    public Optional<MappingProfile> find(String tenantId, String profileId, int version) {
        return versions.findByTenantIdAndProfileIdAndVersion(tenantId, profileId, version).map(this::toProfile);
    }

    @Override
    public MappingProfile add(String tenantId, @Nullable String requestId, MappingProfile version) {
        String rules = write(new ProfileRules(version.fieldMappings(), version.skillTags(), version.note()));
        ProfileVersionRow saved = versions.save(new ProfileVersionRow(null, tenantId, version.id(), version.version(),
                version.connectionId(), version.displayName(), rules, requestId, version.createTime()));
        // Answer with what the database holds, so the response equals every later read of this version
        // (a driver or server may keep less time precision than the Instant we sent).
        return toProfile(versions.findById(Objects.requireNonNull(saved.id(), "a saved row has its id"))
                .orElseThrow(() -> new IllegalStateException("stored version vanished: " + saved.id())));
    }

    private MappingProfile toProfile(ProfileVersionRow row) {
        ProfileRules rules;
        try {
            rules = json.readValue(row.rules(), ProfileRules.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable rules in mapping_profile_version " + row.id(), e);
        }
        return new MappingProfile(row.profileId(), row.version(), row.connectionId(), row.displayName(),
                rules.fieldMappings(), rules.skillTags(), rules.note(), row.createTime());
    }

    private String write(ProfileRules rules) {
        try {
            return json.writeValueAsString(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise mapping profile rules", e);
        }
    }
}
