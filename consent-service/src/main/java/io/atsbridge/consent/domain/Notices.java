package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which candidate-facing notices and consent texts an action needs, and their rendered texts: what an AI
 * vendor or careers site shows the candidate before atsbridge asks the policy engine.
 */
@Singleton
public final class Notices {

    private final NoticeCatalogue catalogue;
    private final PolicyEngine engine;
    private final RulePack pack;

    Notices(NoticeCatalogue catalogue, PolicyEngine engine, RulePack pack) {
        this.catalogue = catalogue;
        this.engine = engine;
        this.pack = pack;
    }

    /**
     * The newest version of every notice or consent text that speaks to a rule applying to the action in the
     * places given (candidate's and requisition's, strictest wins) for the categories, at the moment.
     *
     * @param language the language wanted; empty or one without a text means {@value NoticeCatalogue#DEFAULT_LANGUAGE}
     */
    public List<NoticeTemplate> list(String tenantId, PolicyAction action, List<String> jurisdictions,
                                     List<String> requisitionJurisdictions, List<String> dataCategories,
                                     @Nullable Instant at, String language) {
        NoticeCatalogue.checkLanguage(language);
        return catalogue.satisfying(engine.applicableRuleIds(tenantId, action, jurisdictions, requisitionJurisdictions,
                dataCategories, at), language.isEmpty() ? NoticeCatalogue.DEFAULT_LANGUAGE : language);
    }

    /** The notice's text (version 0: the newest) with the caller's variables filled in. */
    public RenderedNotice render(String noticeId, int version, String language, Map<String, String> variables) {
        NoticeTemplate notice = catalogue.get(noticeId, version,
                language.isEmpty() ? NoticeCatalogue.DEFAULT_LANGUAGE : language);
        return catalogue.render(notice, variables);
    }

    /** The version of the rule pack whose rule ids the notices name. */
    public String rulePackVersion() {
        return pack.version();
    }
}
