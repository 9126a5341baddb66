package io.atsbridge.connectors;

import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.lever.Lever;
import io.atsbridge.connectors.webhook.TimestampWindow;
import io.atsbridge.connectors.webhook.WebhookSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: every vendor once, found by its name, each with what its package gives. */
class VendorsTest {

    private static final WebhookSettings SETTINGS = new WebhookSettings(new TimestampWindow(Duration.ofMinutes(5)),
            Map.of("LEVER", Duration.ofDays(14)));

    @Test
    void everyVendorIsRegisteredOnceAndFoundByItsName() {
        assertThat(Vendors.all()).extracting(VendorModule::name).containsExactly("GREENHOUSE", "LEVER", "ASHBY",
                "SMARTRECRUITERS", "WORKABLE", "JAZZHR", "BAMBOOHR", "TEAMTAILOR", "STANDARD_WEBHOOKS");
        assertThat(Vendors.find("LEVER")).containsSame(Lever.MODULE);
        assertThat(Vendors.find("WORKDAY")).isEmpty();
        assertThat(Vendors.find("lever")).isEmpty();
    }

    @Test
    void theAssessmentPartnerProtocolsAreRegisteredWithTheirVendorsAndNamedByThem() {
        assertThat(Vendors.withAssessmentPartners()).containsExactly("GREENHOUSE", "ASHBY");
        for (String vendor : Vendors.withAssessmentPartners()) {
            assertThat(Vendors.assessmentPartner(vendor).orElseThrow().vendor()).isEqualTo(vendor);
        }
        assertThat(Vendors.assessmentPartner("LEVER")).isEmpty();
        assertThat(Vendors.assessmentPartner("WORKDAY")).isEmpty();
    }

    @Test
    void aModuleRefusesAnotherVendorsAssessmentPartnerProtocol() {
        assertThatThrownBy(() -> VendorModule.builder("LEVER")
                .assessmentPartner(Vendors.assessmentPartner("ASHBY").orElseThrow()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASHBY").hasMessageContaining("LEVER");
    }

    @Test
    void theSyncEngineReadsAndWritesTheVendorsWithAtsConnectors() {
        assertThat(Vendors.withAtsConnectors()).containsExactly("GREENHOUSE", "LEVER", "ASHBY");
    }

    @Test
    void everyRegisteredVendorSendsWebhooksMadeWithTheGatewaysSettings() {
        for (VendorModule vendor : Vendors.all()) {
            assertThat(vendor.webhooks(SETTINGS)).as(vendor.name()).isPresent();
        }
        assertThat(Vendors.find("SMARTRECRUITERS").orElseThrow().webhooks(SETTINGS).orElseThrow().successStatus())
                .isEqualTo(202);
        assertThat(Vendors.find("SMARTRECRUITERS").orElseThrow().webhooks(SETTINGS).orElseThrow().handshake()).isNotNull();
        assertThat(Vendors.find("GREENHOUSE").orElseThrow().webhooks(SETTINGS).orElseThrow().handshake()).isNull();
    }

    @Test
    void eachCallerGetsAConnectorFactoryOfItsOwnSoWhatItKeepsIsNotShared() {
        VendorModule greenhouse = Vendors.find("GREENHOUSE").orElseThrow();

        assertThat(greenhouse.atsConnectors().orElseThrow()).isNotSameAs(greenhouse.atsConnectors().orElseThrow());
        assertThat(Vendors.find("TEAMTAILOR").orElseThrow().atsConnectors()).isEmpty();
    }

    @Test
    void vendorsPaceToTheBudgetTheyDocumentOrTheAssumedOne() {
        assertThat(Vendors.find("GREENHOUSE").orElseThrow().requestBudget().requests()).isEqualTo(50);
        assertThat(Vendors.find("GREENHOUSE").orElseThrow().requestBudget().window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Vendors.find("LEVER").orElseThrow().requestBudget().requests()).isEqualTo(10);
        assertThat(Vendors.find("STANDARD_WEBHOOKS").orElseThrow().requestBudget())
                .isEqualTo(RequestBudget.UNDOCUMENTED);
    }

    @Test
    void aModuleIsNamedAsTheContractNamesVendors() {
        assertThatThrownBy(() -> VendorModule.builder("greenhouse")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greenhouse");
        assertThatThrownBy(() -> VendorModule.builder("VENDOR GREENHOUSE")).isInstanceOf(IllegalArgumentException.class);
    }
}
