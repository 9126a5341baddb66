package io.atsbridge.adapter.engine.sync;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.TargetField;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before a write-back sends custom fields, checks them against what the ATS defines: a field the ATS does not
 * have, has switched off, or types differently from the mapping profile, or an option it does not offer, would be
 * refused by the vendor halfway through the write (or, worse, taken as something else). Instead nothing is
 * written and the event becomes a dead letter that names each field, what the ATS has and what to change; it
 * is replayed once the field or the profile is fixed.
 *
 * <p>Types that fit: number → number; short text → short or long text; long text → long text, or short text
 * when the profile limits the text to 255 characters; single select → single select offering the option
 * written; multi select → multi select; URL → URL, short or long text. Definitions are read once per
 * connection and kept for {@link #KEEP}; when they show a problem and came from the cache they are read again
 * before the write is refused, so a field added at the ATS a minute ago counts.
 *
 * <p>When the ATS refuses to show its definitions (401, 403), it will go on refusing until someone changes its
 * access: the event becomes a dead letter that names the access to grant, to be replayed once it is granted.
 * Failures that may pass (5xx, 429, time-outs) stay retryable.
 */
@Singleton
final class FieldDefinitionCheck {

    /** How long a connection's field definitions are used before they are read again. */
    static final Duration KEEP = Duration.ofMinutes(5);
    /** Greenhouse's limit for short text fields. */
    private static final int SHORT_TEXT_LIMIT = 255;

    private final Cache<String, List<CustomFieldDefinition>> definitions = Caffeine.newBuilder()
            .expireAfterWrite(KEEP)
            .maximumSize(10_000)
            .build();

    /**
     * Refuses (permanently) a plan whose custom fields the ATS cannot take as planned.
     *
     * @param connectionId the ATS connection, the cache key
     * @param profileId    the mapping profile that planned the writes, named in the refusal
     * @throws SyncFailure         when some field cannot be written, or the ATS refused to show its definitions
     * @throws VendorCallException when the definitions could not be read for another reason (retryable or not)
     */
    void verify(String connectionId, AtsConnector client, String profileId, List<FieldWrite> writes) {
        List<FieldWrite> fields = writes.stream().filter(FieldDefinitionCheck::customField).toList();
        if (fields.isEmpty() || (client.capabilities().candidateFieldTypes().isEmpty()
                && client.capabilities().applicationFieldTypes().isEmpty())) {
            return;
        }
        String vendor = vendorName(client);
        List<CustomFieldDefinition> cached = definitions.getIfPresent(connectionId);
        List<String> problems = problems(vendor, cached != null ? cached : read(connectionId, client), fields);
        if (!problems.isEmpty() && cached != null) {
            problems = problems(vendor, read(connectionId, client), fields);
        }
        if (!problems.isEmpty()) {
            throw new PermanentFailure(FailureReason.UNSUPPORTED, vendor + " cannot take what mapping profile " + profileId
                    + " writes, so nothing was written: " + String.join("; ", problems) + ". Fix the field at " + vendor
                    + " or the mapping profile, then replay this dead letter");
        }
    }

    /**
     * The name the ATS shows for an option of a select field, from the definitions last read for the connection
     * (as {@link #verify} leaves them); empty when they are not at hand or do not list the option.
     *
     * @param scope {@code CANDIDATE} or {@code APPLICATION}, in any case
     */
    Optional<String> optionName(String connectionId, String scope, String key, String optionId) {
        List<CustomFieldDefinition> known = definitions.getIfPresent(connectionId);
        if (known == null) {
            return Optional.empty();
        }
        String lower = scope.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(d -> d.scope().equals(lower) && d.key().equals(key))
                .flatMap(d -> d.options().stream())
                .filter(o -> o.id().equals(optionId))
                .map(CustomFieldDefinition.Option::name)
                .findFirst();
    }

    private List<CustomFieldDefinition> read(String connectionId, AtsConnector client) {
        List<CustomFieldDefinition> read;
        try {
            read = List.copyOf(client.customFieldDefinitions());
        } catch (VendorCallException e) {
            throw accessRefused(e) ? refusal(connectionId, client, e) : e;
        }
        definitions.put(connectionId, read);
        return read;
    }

    /** Whether the vendor answered that the connection may not read its definitions: nothing changes that but an admin. */
    private static boolean accessRefused(VendorCallException e) {
        return !e.retryable() && (e.status() == 401 || e.status() == 403);
    }

    /** The permanent failure for a refused read, saying what to grant first (the vendor's own words last, as they vary in length). */
    private static PermanentFailure refusal(String connectionId, AtsConnector client, VendorCallException e) {
        String vendor = vendorName(client);
        String what = e.status() == 401
                ? vendor + " did not accept the credentials of connection " + connectionId + " when asked for its custom "
                        + "field definitions, so nothing was written. Check the credentials configured for the connection "
                        + "(they need " + client.customFieldReadAccess() + ")"
                : vendor + " refused connection " + connectionId + " access to its custom field definitions, so nothing "
                        + "was written. Grant " + client.customFieldReadAccess();
        return new PermanentFailure(FailureReason.VENDOR_ACCESS_REFUSED, what + ", then replay this dead letter ("
                + e.getMessage() + ")", e);
    }

    /** The vendor as people name it: {@code GREENHOUSE} → {@code Greenhouse}. */
    private static String vendorName(AtsConnector client) {
        String code = client.capabilities().vendor();
        return code.isEmpty() ? code : code.charAt(0) + code.substring(1).toLowerCase(Locale.ROOT);
    }

    /** What is wrong with each planned field, for people; empty when every one fits. */
    static List<String> problems(String vendor, List<CustomFieldDefinition> defined, List<FieldWrite> writes) {
        List<String> problems = new ArrayList<>();
        for (FieldWrite write : writes) {
            if (!customField(write)) {
                continue;
            }
            TargetField field = write.getField();
            String scope = field.getScope() == FieldScope.FIELD_SCOPE_APPLICATION
                    ? CustomFieldDefinition.APPLICATION : CustomFieldDefinition.CANDIDATE;
            String planned = typeName(field.getType());
            String what = scope + " field " + field.getKey();
            Optional<CustomFieldDefinition> found = defined.stream()
                    .filter(d -> d.scope().equals(scope) && d.key().equals(field.getKey())).findFirst();
            if (found.isEmpty()) {
                String article = scope.equals(CustomFieldDefinition.APPLICATION) ? "an " : "a ";
                problems.add(what + " is not defined at " + vendor + " (define " + article + scope + " custom field with key "
                        + field.getKey() + " of type " + planned + ")");
                continue;
            }
            CustomFieldDefinition definition = found.get();
            if (!definition.active()) {
                problems.add(what + " ('" + definition.name() + "') is inactive at " + vendor + " (activate it)");
            } else if (!fits(field, definition.type())) {
                problems.add(what + " ('" + definition.name() + "') is " + definition.type() + " at " + vendor
                        + ", the profile writes " + planned + (field.getType() == FieldType.FIELD_TYPE_LONG_TEXT
                        ? " (a short text field takes it when the profile limits it to " + SHORT_TEXT_LIMIT + " characters)" : ""));
            } else if (field.getType() == FieldType.FIELD_TYPE_SINGLE_SELECT
                    && !definition.hasOption(write.getValue().getOptionId())) {
                problems.add(what + " ('" + definition.name() + "') has no option " + write.getValue().getOptionId() + " at "
                        + vendor + " (it offers " + definition.options().stream().map(o -> o.name() + " = " + o.id())
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        return problems;
    }

    private static boolean customField(FieldWrite write) {
        FieldScope scope = write.getField().getScope();
        return scope == FieldScope.FIELD_SCOPE_CANDIDATE || scope == FieldScope.FIELD_SCOPE_APPLICATION;
    }

    private static boolean fits(TargetField field, String atsType) {
        Set<String> accepted = switch (field.getType()) {
            case FIELD_TYPE_NUMBER -> Set.of("number");
            case FIELD_TYPE_SHORT_TEXT -> Set.of("short_text", "long_text");
            case FIELD_TYPE_LONG_TEXT -> field.getMaxLength() > 0 && field.getMaxLength() <= SHORT_TEXT_LIMIT
                    ? Set.of("short_text", "long_text") : Set.of("long_text");
            case FIELD_TYPE_SINGLE_SELECT -> Set.of("single_select");
            case FIELD_TYPE_MULTI_SELECT -> Set.of("multi_select");
            case FIELD_TYPE_URL -> Set.of("url", "short_text", "long_text");
            case FIELD_TYPE_UNSPECIFIED, UNRECOGNIZED -> Set.of();
        };
        return accepted.contains(atsType);
    }

    /** The profile's type in the names definitions use: {@code FIELD_TYPE_SHORT_TEXT} → {@code short_text}. */
    private static String typeName(FieldType type) {
        return type.name().replaceFirst("^FIELD_TYPE_", "").toLowerCase(Locale.ROOT);
    }
}
