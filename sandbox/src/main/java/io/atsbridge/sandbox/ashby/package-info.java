/**
 * The Ashby simulator: in-memory state, the RPC-style {@code POST /ashby/<method>} API, signed webhooks with
 * Ashby's retry policy, and both halves of the Assessments Partner API (Ashby's {@code assessment.update},
 * and Ashby calling a partner's {@code assessment.start}, {@code assessment.list}, {@code assessment.cancel}).
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.ashby;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
