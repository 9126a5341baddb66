package io.atsbridge.sandbox.contract;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Whether the sandbox checks what it serves against the vendors' published contracts,
 * {@code atsbridge.sandbox.contracts.*}; the key and its default are in {@code application-sandbox.yml}, and the same
 * default stands here for a context built without it.
 *
 * @param enabled false skips the checks (e.g. for a load test that measures only the loop)
 */
@ConfigurationProperties("atsbridge.sandbox.contracts")
public record ContractSettings(@Bindable(defaultValue = "true") boolean enabled) {
}
