package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** What a Harvest endpoint answers: status, JSON body and extra headers (such as Link). */
record HarvestResult(int status, @Nullable JsonNode body, Map<String, String> headers) {

    static HarvestResult ok(JsonNode body) {
        return new HarvestResult(200, body, Map.of());
    }

    static HarvestResult created(JsonNode body) {
        return new HarvestResult(201, body, Map.of());
    }
}
