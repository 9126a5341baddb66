package io.atsbridge.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** Collects the ids an event names, skipping absent ones and repeats. */
public final class EventRefs {

    private final List<CanonicalEvent.Ref> refs = new ArrayList<>();

    /** Adds the first scalar found at the JSON pointers, if any. */
    public EventRefs add(String kind, JsonNode root, String... paths) {
        return add(kind, JsonBodies.firstText(root, List.of(paths)));
    }

    public EventRefs add(String kind, @Nullable String id) {
        if (id != null && !id.isBlank()) {
            CanonicalEvent.Ref ref = new CanonicalEvent.Ref(kind, id.trim());
            if (!refs.contains(ref)) {
                refs.add(ref);
            }
        }
        return this;
    }

    public List<CanonicalEvent.Ref> toList() {
        return List.copyOf(refs);
    }
}
