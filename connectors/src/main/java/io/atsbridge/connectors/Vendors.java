package io.atsbridge.connectors;

import io.atsbridge.connectors.ashby.AshbyModule;
import io.atsbridge.connectors.bamboohr.BambooHrModule;
import io.atsbridge.connectors.greenhouse.GreenhouseModule;
import io.atsbridge.connectors.jazzhr.JazzHrModule;
import io.atsbridge.connectors.lever.LeverModule;
import io.atsbridge.connectors.smartrecruiters.SmartRecruitersModule;
import io.atsbridge.connectors.standardwebhooks.StandardWebhooksModule;
import io.atsbridge.connectors.teamtailor.TeamtailorModule;
import io.atsbridge.connectors.workable.WorkableModule;

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
            new GreenhouseModule(),
            new LeverModule(),
            new AshbyModule(),
            new SmartRecruitersModule(),
            new WorkableModule(),
            new JazzHrModule(),
            new BambooHrModule(),
            new TeamtailorModule(),
            new StandardWebhooksModule());

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
