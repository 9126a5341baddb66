/**
 * Inbox and engine seam, configuration: the assessment-partner connections of the declaration file, the completion
 * hosts of the partner API, and the start-up check of what the loop needs ({@code LoopConfigurationCheck}).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.engine.config;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
