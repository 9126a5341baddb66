package io.atsbridge.audit.bias.domain;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An automated employment decision tool: the AI vendor connection, the model and its version.
 *
 * @param connectionId the AI vendor connection's id
 * @param model        the vendor's model name; empty when not known (or, in a report filter, any)
 * @param modelVersion the model's version; empty when not known (or, in a report filter, any)
 */
@Serdeable
public record Tool(String connectionId, String model, String modelVersion) {
}
