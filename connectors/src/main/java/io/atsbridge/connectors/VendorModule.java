package io.atsbridge.connectors;

import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;
import io.micronaut.core.annotation.Nullable;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Everything atsbridge knows about one vendor, given by the vendor's own package: how its webhooks are verified and
 * translated, the connectors to its ATS API, and the request budget its API documents. {@link Vendors} lists them:
 * adding a vendor is its package and one line there.
 *
 * <p>A module holds no state. What has to outlive one use, such as OAuth tokens, lives in the factories
 * {@link #atsConnectors()} makes, which their caller keeps.
 */
public final class VendorModule {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");

    private final String name;
    @Nullable
    private final Function<WebhookSettings, VendorWebhooks> webhooks;
    @Nullable
    private final Supplier<AtsConnectorFactory> atsConnectors;
    private final RequestBudget requestBudget;
    @Nullable
    private final AssessmentPartnerProtocol assessmentPartner;
    private final ConnectionRules connectionRules;

    private VendorModule(Builder builder) {
        this.name = builder.name;
        this.webhooks = builder.webhooks;
        this.atsConnectors = builder.atsConnectors;
        this.requestBudget = builder.requestBudget;
        this.assessmentPartner = builder.assessmentPartner;
        this.connectionRules = builder.connectionRules == null ? ConnectionRules.standard(name) : builder.connectionRules;
        if (assessmentPartner != null && !assessmentPartner.vendor().equals(name)) {
            throw new IllegalArgumentException("assessmentPartner: the protocol of " + assessmentPartner.vendor()
                    + " (expected: " + name + "'s own)");
        }
    }

    /**
     * A module for the vendor of this name: without webhooks or connectors until given, paced to
     * {@link RequestBudget#UNDOCUMENTED}.
     *
     * @param name as in {@code atsbridge.common.v1.Vendor} without its prefix, e.g. {@code GREENHOUSE}
     */
    public static Builder builder(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + name + " (expected: a vendor name such as GREENHOUSE)");
        }
        return new Builder(name);
    }

    /** The vendor's name as in {@code atsbridge.common.v1.Vendor} without its prefix, e.g. {@code GREENHOUSE}. */
    public String name() {
        return name;
    }

    /**
     * How the vendor's webhooks are verified, translated and acknowledged, made with the gateway's settings; empty when
     * the vendor sends no signed webhooks atsbridge accepts.
     */
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return webhooks == null ? Optional.empty() : Optional.of(webhooks.apply(settings));
    }

    /**
     * A new factory of connectors to the vendor's ATS API, for the caller to keep as long as it makes connectors;
     * empty when the sync engine does not read and write this vendor.
     */
    public Optional<AtsConnectorFactory> atsConnectors() {
        return atsConnectors == null ? Optional.empty() : Optional.of(atsConnectors.get());
    }

    /** The request budget calls to the vendor's API are paced to until the vendor's own headers say more. */
    public RequestBudget requestBudget() {
        return requestBudget;
    }

    /**
     * How the vendor's ATS orders AI interviews from atsbridge as its assessment partner; empty when it does not.
     */
    public Optional<AssessmentPartnerProtocol> assessmentPartner() {
        return Optional.ofNullable(assessmentPartner);
    }

    /** What a connection to the vendor declares beyond what every connection does (adapter-service checks it). */
    public ConnectionRules connectionRules() {
        return connectionRules;
    }

    @Override
    public String toString() {
        return "VendorModule[" + name + (webhooks == null ? "" : ", webhooks") + (atsConnectors == null ? "" : ", ATS connectors")
                + (assessmentPartner == null ? "" : ", assessment partner")
                + ", " + requestBudget.requests() + " requests per " + requestBudget.window() + "]";
    }

    /** Gives a vendor what it has. */
    public static final class Builder {

        private final String name;
        @Nullable
        private Function<WebhookSettings, VendorWebhooks> webhooks;
        @Nullable
        private Supplier<AtsConnectorFactory> atsConnectors;
        private RequestBudget requestBudget = RequestBudget.UNDOCUMENTED;
        @Nullable
        private AssessmentPartnerProtocol assessmentPartner;
        @Nullable
        private ConnectionRules connectionRules;

        private Builder(String name) {
            this.name = name;
        }

        /** The vendor's webhooks, made with the gateway's settings. */
        public Builder webhooks(Function<WebhookSettings, VendorWebhooks> webhooks) {
            this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
            return this;
        }

        /** Makes a new factory of the vendor's ATS connectors for each owner. */
        public Builder atsConnectors(Supplier<AtsConnectorFactory> atsConnectors) {
            this.atsConnectors = Objects.requireNonNull(atsConnectors, "atsConnectors");
            return this;
        }

        /** The request budget the vendor documents. */
        public Builder requestBudget(RequestBudget requestBudget) {
            this.requestBudget = Objects.requireNonNull(requestBudget, "requestBudget");
            return this;
        }

        /** How the vendor's ATS orders assessments from atsbridge as its assessment partner. */
        public Builder assessmentPartner(AssessmentPartnerProtocol assessmentPartner) {
            this.assessmentPartner = Objects.requireNonNull(assessmentPartner, "assessmentPartner");
            return this;
        }

        /** What a connection to the vendor declares, when more than {@link ConnectionRules#standard(String)}. */
        public Builder connectionRules(ConnectionRules connectionRules) {
            this.connectionRules = Objects.requireNonNull(connectionRules, "connectionRules");
            return this;
        }

        public VendorModule build() {
            return new VendorModule(this);
        }
    }
}
