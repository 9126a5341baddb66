package io.atsbridge.mapping.domain;

import io.micronaut.serde.annotation.Serdeable;

/** The ATS record a field lives on. Stored by name in mapping profiles. */
@Serdeable
public enum FieldScope {
    CANDIDATE, APPLICATION
}
