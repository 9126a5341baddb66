/**
 * Small "services" that ArchitectureRulesTest checks {@link io.atsbridge.platform.testing.ArchitectureRules}
 * against: {@code clean} keeps every rule; {@code cyclic} and {@code leaky} break them on purpose, so the test
 * shows each rule failing and naming the dependency that breaks it. Left out of platform-kit's test-jar.
 */
package io.atsbridge.platform.testing.archfixture;
