/**
 * Connections seam, storage: the {@code connection} and {@code connection_secret} tables as Micronaut Data rows and
 * repositories, behind the {@code ConnectionStore} that {@code connections.domain} owns; and {@code SealedColumn}, the
 * {@code SealedSecretStore} every seam's persistence declares its columns of sealed secrets with.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.connections.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
