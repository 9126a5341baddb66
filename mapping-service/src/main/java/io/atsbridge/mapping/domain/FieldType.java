package io.atsbridge.mapping.domain;

import io.micronaut.serde.annotation.Serdeable;

/** The type of an ATS custom field, as the ATS defines it. Stored by name in mapping profiles. */
@Serdeable
public enum FieldType {
    NUMBER, SHORT_TEXT, LONG_TEXT, SINGLE_SELECT, MULTI_SELECT, URL;

    boolean isSelect() {
        return this == SINGLE_SELECT || this == MULTI_SELECT;
    }
}
