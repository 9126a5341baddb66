package io.atsbridge.sandbox.config;

import io.atsbridge.sandbox.lever.LeverConfidentialRefusal;
import io.atsbridge.sandbox.lever.LeverRetryBody;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The sandbox's settings as configured, {@code atsbridge.sandbox.*}, one nested record per simulated vendor; every
 * key and its default is in {@code application-sandbox.yml} (with the environment variable that sets it), and the
 * same defaults stand here for a context built without it. {@link SandboxSettingsFactory} turns them into the
 * checked {@link io.atsbridge.sandbox.SandboxSettings} the simulators use; the contract checks read their own
 * {@link io.atsbridge.sandbox.contract.ContractSettings}.
 *
 * @param retryTimeScale factor on every vendor retry delay (1 is the vendors' real schedule)
 * @param webhookTimeout a webhook receiver that takes longer than this has failed the attempt
 * @param greenhouse     the Greenhouse simulator
 * @param ashby          the Ashby simulator
 * @param lever          the Lever simulator
 * @param aiVendor       the AI interview vendor simulator
 */
@ConfigurationProperties("atsbridge.sandbox")
record SandboxConfiguration(
        @Bindable(defaultValue = "1.0") double retryTimeScale,
        @Bindable(defaultValue = "10s") Duration webhookTimeout,
        Greenhouse greenhouse,
        Ashby ashby,
        Lever lever,
        AiVendor aiVendor) {

    /**
     * {@code atsbridge.sandbox.greenhouse.*}.
     *
     * @param apiKey          the Harvest API key (HTTP Basic user name, blank password)
     * @param rateLimit       requests per key per window
     * @param rateLimitWindow the rate-limit window
     * @param webhookUrl      where webhooks go; empty records them without sending
     * @param webhookSecret   the secret key that signs webhooks
     * @param clientId        the Harvest v3 OAuth client id
     * @param clientSecret    the Harvest v3 OAuth client secret
     * @param tokenTtl        how long a Harvest v3 access token lives
     */
    @ConfigurationProperties("greenhouse")
    record Greenhouse(
            @Bindable(defaultValue = "sandbox-harvest-api-key") String apiKey,
            @Bindable(defaultValue = "50") int rateLimit,
            @Bindable(defaultValue = "10s") Duration rateLimitWindow,
            @Nullable String webhookUrl,
            @Bindable(defaultValue = "sandbox-greenhouse-webhook-secret") String webhookSecret,
            @Bindable(defaultValue = "sandbox-harvest-v3-client-id") String clientId,
            @Bindable(defaultValue = "sandbox-harvest-v3-client-secret") String clientSecret,
            @Bindable(defaultValue = "1h") Duration tokenTtl) {
    }

    /**
     * {@code atsbridge.sandbox.ashby.*}.
     *
     * @param apiKey          the Ashby API key (HTTP Basic user name, blank password)
     * @param webhookUrl      where webhooks go; empty records them without sending
     * @param webhookSecret   the secret token that signs webhooks; empty sends them unsigned (Ashby makes it optional)
     * @param rateLimit       requests per key per window; 0 turns the limit off (Ashby documents none)
     * @param rateLimitWindow the rate-limit window
     */
    @ConfigurationProperties("ashby")
    record Ashby(
            @Bindable(defaultValue = "sandbox-ashby-api-key") String apiKey,
            @Nullable String webhookUrl,
            @Bindable(defaultValue = "sandbox-ashby-webhook-secret") String webhookSecret,
            @Bindable(defaultValue = "0") int rateLimit,
            @Bindable(defaultValue = "1s") Duration rateLimitWindow) {
    }

    /**
     * {@code atsbridge.sandbox.lever.*}.
     *
     * @param apiKey                 the Lever API key (HTTP Basic user name, blank password)
     * @param rateLimit              steady requests per second per key
     * @param burst                  requests a key may send at once
     * @param webhookUrl             where webhooks go; empty records them without sending
     * @param webhookSignatureTokens {@code <event>:<token>,...}; events not named keep their default token, an empty
     *                               token sends that event unsigned
     * @param confidentialAccess     whether the API key may read confidential data
     * @param confidentialRefusal    the form of the access error a key without confidential access gets
     * @param retryBody              what retries and reruns carry
     */
    @ConfigurationProperties("lever")
    record Lever(
            @Bindable(defaultValue = "sandbox-lever-api-key") String apiKey,
            @Bindable(defaultValue = "10") int rateLimit,
            @Bindable(defaultValue = "20") int burst,
            @Nullable String webhookUrl,
            @Nullable String webhookSignatureTokens,
            @Bindable(defaultValue = "true") boolean confidentialAccess,
            @Bindable(defaultValue = "FORBIDDEN") LeverConfidentialRefusal confidentialRefusal,
            @Bindable(defaultValue = "SAME_BYTES") LeverRetryBody retryBody) {
    }

    /**
     * {@code atsbridge.sandbox.ai-vendor.*}.
     *
     * @param apiKey            the Bearer token the AI vendor accepts
     * @param webhookUrl        where {@code interview.completed} events go; empty records them without sending
     * @param webhookSecret     the webhook secret, {@code whsec_<base64>}
     * @param seed              the seed of the reproducible result generator
     * @param autoCompleteAfter interviews complete by themselves this long after creation; 0 only through the Java API
     */
    @ConfigurationProperties("ai-vendor")
    record AiVendor(
            @Bindable(defaultValue = "sandbox-ai-vendor-api-key") String apiKey,
            @Nullable String webhookUrl,
            @Bindable(defaultValue = "whsec_c2FuZGJveC1haS12ZW5kb3Itd2ViaG9vay1rZXktMDE=") String webhookSecret,
            @Bindable(defaultValue = "42") long seed,
            @Bindable(defaultValue = "0s") Duration autoCompleteAfter) {
    }
}
