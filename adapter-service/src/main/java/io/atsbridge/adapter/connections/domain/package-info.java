/**
 * Connections seam, the bottom every other seam builds on: connections and their secrets
 * ({@link io.atsbridge.adapter.connections.domain.ConnectionDirectory}, sealed by the
 * {@link io.atsbridge.adapter.connections.domain.SecretCipher}), the vendors and kinds of connection, and the
 * {@link io.atsbridge.adapter.connections.domain.ConnectionStore} they are stored behind (implemented in
 * {@code connections.persistence}). The rotation of the master key
 * ({@link io.atsbridge.adapter.connections.domain.MasterKeyRotation}) reaches the sealed secrets of every seam through
 * the {@link io.atsbridge.adapter.connections.domain.SealedSecretStore}s their persistence declares. It depends on no other seam (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.connections.domain;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
