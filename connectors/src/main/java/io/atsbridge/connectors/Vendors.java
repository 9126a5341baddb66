package io.atsbridge.connectors;

import io.atsbridge.connectors.ashby.Ashby;
import io.atsbridge.connectors.bamboohr.BambooHr;
import io.atsbridge.connectors.greenhouse.Greenhouse;
import io.atsbridge.connectors.jazzhr.JazzHr;
import io.atsbridge.connectors.lever.Lever;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.connectors.smartrecruiters.SmartRecruiters;
import io.atsbridge.connectors.standardwebhooks.StandardWebhooks;
import io.atsbridge.connectors.teamtailor.Teamtailor;
import io.atsbridge.connectors.workable.Workable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendors atsbridge knows, each by its {@link VendorModule}: the one place a vendor is registered. The gateway
 * takes each vendor's webhooks from here and the adapter each vendor's connectors and request budget; neither
 * names a vendor itself.
 */
public final class Vendors {

    /** Every vendor, in the order messages list them. */
    private static final List<VendorModule> ALL = List.of(
            Greenhouse.MODULE,
            Lever.MODULE,
            Ashby.MODULE,
            SmartRecruiters.MODULE,
            Workable.MODULE,
            JazzHr.MODULE,
            BambooHr.MODULE,
            Teamtailor.MODULE,
            StandardWebhooks.MODULE);

    private static final Map<String, VendorModule> BY_NAME = byName(ALL);

    private Vendors() {
    }

    /** Every registered vendor. */
    public static List<VendorModule> all() {
        return ALL;
    }

    /** The vendor of this name, as in {@code atsbridge.common.v1.Vendor} without its prefix (e.g. {@code LEVER}). */
    public static Optional<VendorModule> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The names of the vendors the sync engine reads and writes (those with ATS connectors), in registration order. */
    public static List<String> withAtsConnectors() {
        return ALL.stream().filter(vendor -> vendor.atsConnectors().isPresent()).map(VendorModule::name).toList();
    }

    /**
     * The assessment-partner protocol of the vendor of this name (the {@code protocol} an assessment is stored with);
     * empty when the vendor has none.
     */
    public static Optional<AssessmentPartnerProtocol> assessmentPartner(String name) {
        return find(name).flatMap(VendorModule::assessmentPartner);
    }

    /** The names of the vendors whose ATS orders assessments from atsbridge as its partner, in registration order. */
    public static List<String> withAssessmentPartners() {
        return ALL.stream().filter(vendor -> vendor.assessmentPartner().isPresent()).map(VendorModule::name).toList();
    }

    private static Map<String, VendorModule> byName(List<VendorModule> vendors) {
        Map<String, VendorModule> byName = new LinkedHashMap<>();
        for (VendorModule vendor : vendors) {
            if (byName.putIfAbsent(vendor.name(), vendor) != null) {
                throw new IllegalStateException("vendor " + vendor.name() + " is registered twice");
            }
        }
        return Map.copyOf(byName);
    }
}
