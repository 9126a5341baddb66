package io.atsbridge.consent.domain;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.io.ResourceResolver;

/** Loads the notice catalogue when the service starts, so that a catalogue that does not fit the rule pack stops start-up. */
@Factory
final class NoticeCatalogueLoader {

    @Context
    NoticeCatalogue noticeCatalogue(RulePack pack) {
        return NoticeCatalogue.load(pack, new ResourceResolver());
    }
}
