package io.atsbridge.adapter;

import io.atsbridge.platform.startup.ServiceMain;

/** Runs adapter-service as its own process: {@code java -cp ... io.atsbridge.adapter.AdapterApplication}. */
public final class AdapterApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-adapter.yml}. */
    public static final String ENVIRONMENT = "adapter";

    private AdapterApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ENVIRONMENT, "adapter-service", "ADAPTER_DATASOURCE_URL", AdapterApplication.class, args);
    }
}
