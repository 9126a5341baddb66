package io.atsbridge.adapter.grpc;

import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain enums and the contract's enums must name the same things, or events would be refused or mislabelled. */
class AdapterGrpcServiceMappingTest {

    @Test
    void everyContractVendorHasADomainVendorAndBack() {
        for (io.atsbridge.proto.common.v1.Vendor proto : io.atsbridge.proto.common.v1.Vendor.values()) {
            Vendor domain = AdapterGrpcService.toDomain(proto);
            if (proto == io.atsbridge.proto.common.v1.Vendor.VENDOR_UNSPECIFIED
                    || proto == io.atsbridge.proto.common.v1.Vendor.UNRECOGNIZED) {
                assertThat(domain).isNull();
            } else {
                assertThat(AdapterGrpcService.toProto(domain)).isEqualTo(proto);
            }
        }
        assertThat(Arrays.stream(Vendor.values()).map(AdapterGrpcService::toProto)).doesNotHaveDuplicates();
    }

    @Test
    void everyContractEventTypeHasADomainEventType() {
        long mapped = Arrays.stream(io.atsbridge.proto.common.v1.EventType.values())
                .map(AdapterGrpcService::toDomain)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .count();
        assertThat(mapped).isEqualTo(EventType.values().length);
        assertThat(AdapterGrpcService.toDomain(io.atsbridge.proto.common.v1.EventType.EVENT_TYPE_UNSPECIFIED)).isNull();
    }

    @Test
    void everyConnectionKindHasAContractKind() {
        assertThat(Arrays.stream(ConnectionKind.values()).map(AdapterGrpcService::toProto))
                .doesNotHaveDuplicates()
                .doesNotContain(io.atsbridge.proto.adapter.v1.ConnectionKind.CONNECTION_KIND_UNSPECIFIED);
    }
}
