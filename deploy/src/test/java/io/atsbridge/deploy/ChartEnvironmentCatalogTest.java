package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import io.atsbridge.platform.startup.EnvironmentCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.atsbridge.deploy.Chart.COMPONENTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variables the chart sets for each container against those its service reads, from the service's own
 * catalog (the one it checks its environment against when it starts): none unknown — the service would refuse
 * to start — and none it requires missing.
 */
class ChartEnvironmentCatalogTest {

    private static final Map<String, String> SERVICES = Map.of("identity", "identity-service", "mapping", "mapping-service",
            "consent", "consent-service", "audit", "audit-service", "adapter", "adapter-service", "gateway", "edge-gateway");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariableTheChartSetsIsReadAndEveryRequiredOneIsSet(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : COMPONENTS) {
            EnvironmentCatalog catalog = EnvironmentCatalog.load(SERVICES.get(component));
            List<String> names = new ArrayList<>();
            Map<String, Object> container = Nodes.maps(rendered.deployment(component), "spec", "template", "spec", "containers").get(0);
            for (Map<String, Object> variable : Nodes.maps(container, "env")) {
                names.add((String) variable.get("name"));
            }
            assertThat(catalog.unknown(names)).as(component + " (" + variant + "): variables its service does not read")
                    .isEmpty();
            assertThat(catalog.missingRequired(names)).as(component + " (" + variant + "): variables its service requires")
                    .isEmpty();
        }
    }
}
