package io.atsbridge.sandbox.ashby;

import java.util.Arrays;
import java.util.Optional;

/** The objects the simulator keeps custom fields on, by Ashby's {@code objectType} names. */
public enum AshbyObjectType {
    CANDIDATE("Candidate"),
    APPLICATION("Application");

    private final String apiName;

    AshbyObjectType(String apiName) {
        this.apiName = apiName;
    }

    /** Ashby's spelling, e.g. {@code Candidate}. */
    public String apiName() {
        return apiName;
    }

    /** The type Ashby spells {@code name} (case-sensitive, as Ashby's enums are). */
    static Optional<AshbyObjectType> fromApi(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
    }
}
