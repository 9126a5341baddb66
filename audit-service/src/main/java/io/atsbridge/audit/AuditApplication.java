package io.atsbridge.audit;

import io.atsbridge.platform.startup.ServiceDefinition;
import io.atsbridge.platform.startup.ServiceMain;

/** Runs audit-service as its own process: {@code java -jar audit-service/target/audit-service.jar}. */
public final class AuditApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-audit.yml}. */
    public static final String ENVIRONMENT = "audit";

    private AuditApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ServiceDefinition.grpc(ENVIRONMENT), AuditApplication.class, args);
    }
}
