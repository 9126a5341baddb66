/**
 * Contract tests built into the sandbox: the vendors' published schemas and documented example bodies, kept under
 * {@code src/main/resources/contracts/<api>/}, and a checker that holds every exchange a simulator serves to them
 * (an undocumented endpoint, a field the vendor's example lacks, a documented field missing, a wrong type), so a
 * simulator and a connector cannot share a wrong assumption while the tests stay green. {@link
 * io.atsbridge.sandbox.contract.ContractChecker} checks one exchange; {@link
 * io.atsbridge.sandbox.contract.ContractLog} records what the sandbox's server served. Its beans exist only in
 * the {@code sandbox} environment.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.contract;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
