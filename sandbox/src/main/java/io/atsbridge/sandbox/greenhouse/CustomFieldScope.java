package io.atsbridge.sandbox.greenhouse;

import java.util.Arrays;
import java.util.Optional;

/** The object a custom field lives on: Harvest's {@code field_type}. */
public enum CustomFieldScope {
    CANDIDATE("candidate"),
    APPLICATION("application");

    private final String apiName;

    CustomFieldScope(String apiName) {
        this.apiName = apiName;
    }

    /** The name in Harvest's JSON and URLs ({@code /v1/custom_fields/candidate}). */
    public String apiName() {
        return apiName;
    }

    /** The scope with this API name. */
    public static Optional<CustomFieldScope> fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }
}
