/**
 * adapter-service persistence: the tables, as Micronaut Data rows and repositories and as plain JDBC where a
 * claim needs {@code FOR UPDATE SKIP LOCKED}, behind the interfaces the seams own — {@code Jdbc*} classes
 * implement the domain's stores and outbound's {@code OutboundStore}. It depends on {@code domain} and
 * {@code outbound} only, and nothing but the bean context depends on it (ArchitectureTest). Its beans exist
 * only in the {@code adapter} environment, so that the all-in-one launcher can run every service in one JVM,
 * each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
