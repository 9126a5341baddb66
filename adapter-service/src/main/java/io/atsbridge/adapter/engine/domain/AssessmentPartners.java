package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.SecretCipher;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The assessment-partner side of AI_VENDOR connections, the same for every ATS that orders AI interviews from
 * atsbridge as its assessment partner (Greenhouse's Assessment Partner API, Ashby's assessments integration): the key
 * the ATS presents (sealed with the {@link SecretCipher}, only ever compared in constant time), the credential the
 * completion is reported with, the tests offered, and one {@link PartnerAssessment} per order, stored with the ATS's
 * protocol. An order that names an application has at most one assessment of that application and test in progress
 * (Ashby's documented 409). Every lookup is by tenant and connection: there is no lookup by key.
 */
@Singleton
public final class AssessmentPartners {

    /** The reason of the error a stored key that does not decrypt with the master key raises. */
    public static final String KEY_UNREADABLE = "PARTNER_KEY_UNREADABLE";

    /** One test offered: an AI vendor interview kit. */
    public record Test(String id, String name) {
    }

    /**
     * A connection's partner settings for one protocol as configuration declares them. toString never prints a key.
     *
     * @param callbackKey the credential the completion is reported with when it is not the partner key (Ashby: the
     *                    customer's API key), or null
     * @param baseUrl     the ATS API the completion goes to when orders name no URL (Ashby), or null
     */
    public record Declaration(String connectionId, String tenantId, Vendor protocol, String partnerKey,
                              @Nullable String callbackKey, @Nullable String baseUrl, List<Test> tests) {
        public Declaration {
            tests = List.copyOf(tests);
        }

        @Override
        public String toString() {
            return "PartnerDeclaration[" + protocol + " " + connectionId + ", tenant " + tenantId
                    + (baseUrl == null ? "" : ", " + baseUrl) + ", " + tests.size() + " test(s)]";
        }
    }

    /**
     * Where and with what a completion is reported. toString never prints the credential.
     *
     * @param url        the assessment's completion URL, else the connection's base URL
     * @param credential the decrypted callback key, else the partner key
     */
    public record Callback(String url, String credential) {
        @Override
        public String toString() {
            return "Callback[" + url + "]";
        }
    }

    /**
     * What recording an order did.
     *
     * @param assessment the recorded assessment, or (when {@code conflict}) the one already in progress
     * @param conflict   whether another assessment of the application and test is in progress, so nothing was stored
     */
    public record Started(PartnerAssessment assessment, boolean conflict) {
    }

    private final AssessmentPartnerStore store;
    private final SecretCipher cipher;
    private final Inbox inbox;
    private final Clock clock;

    AssessmentPartners(AssessmentPartnerStore store, SecretCipher cipher, Inbox inbox, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.cipher = cipher;
        this.inbox = inbox;
    }

    /**
     * The metadata "source" of the interviews created for a protocol's orders (e.g. {@code greenhouse-assessment-partner}):
     * a completion of such an interview whose assessment is not recorded yet waits for it.
     */
    public static String interviewSource(Vendor protocol) {
        return protocol.name().toLowerCase(Locale.ROOT) + "-assessment-partner";
    }

    /** Whether the metadata "source" is that of an interview some ATS ordered as an assessment. */
    public static boolean isInterviewSource(@Nullable String source) {
        return source != null && source.endsWith("-assessment-partner");
    }

    /** Stores the protocol's declared settings, replacing those of connections no longer declaring any. */
    public void declare(Vendor protocol, List<Declaration> declarations) {
        store.replace(protocol, declarations.stream().map(d -> {
            if (d.protocol() != protocol) {
                throw new IllegalArgumentException("declarations: one of " + d.protocol() + " (expected: " + protocol + ")");
            }
            byte[] partnerKey = cipher.seal(partnerKeyBinding(protocol, d.connectionId()),
                    d.partnerKey().getBytes(StandardCharsets.UTF_8));
            byte[] callbackKey = d.callbackKey() == null ? null : cipher.seal(callbackKeyBinding(protocol, d.connectionId()),
                    d.callbackKey().getBytes(StandardCharsets.UTF_8));
            return new AssessmentPartnerStore.Settings(d.connectionId(), protocol, d.tenantId(), partnerKey, callbackKey,
                    d.baseUrl(), d.tests());
        }).toList());
    }

    /** Whether the connection offers the protocol's partner API in the tenant. */
    public boolean isPartner(String tenantId, String connectionId, Vendor protocol) {
        return store.settings(tenantId, connectionId, protocol).isPresent();
    }

    /**
     * Whether the presented key is the connection's partner key, compared in constant time (over SHA-256 digests, so
     * the lengths do not leak either).
     *
     * @throws DomainException NOT_FOUND when the tenant has no such partner connection; FAILED_PRECONDITION
     *                         {@link #KEY_UNREADABLE} when the stored key does not decrypt with the master key
     */
    public boolean verifyKey(String tenantId, String connectionId, Vendor protocol, String presented) {
        AssessmentPartnerStore.Settings settings = settings(tenantId, connectionId, protocol);
        String expected = open(settings, partnerKeyBinding(protocol, connectionId), settings.partnerKey(), "partner key");
        return MessageDigest.isEqual(sha256(expected.getBytes(StandardCharsets.UTF_8)),
                sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /** The tests the connection offers through the protocol, in configuration order. */
    public List<Test> tests(String tenantId, String connectionId, Vendor protocol) {
        return settings(tenantId, connectionId, protocol).tests();
    }

    /**
     * Where the assessment's completion is reported and with which credential, decrypted: for the completion only.
     *
     * @throws DomainException FAILED_PRECONDITION {@link #KEY_UNREADABLE} when the stored credential does not decrypt
     *                         with the master key (a configuration failure: see its message)
     */
    public Callback callback(PartnerAssessment assessment) {
        AssessmentPartnerStore.Settings settings = settings(assessment.tenantId(), assessment.connectionId(),
                assessment.protocol());
        String url = assessment.completionUrl() != null ? assessment.completionUrl() : settings.baseUrl();
        if (url == null) {
            throw DomainException.failedPrecondition("PARTNER_CALLBACK_URL_MISSING", "assessment %s of connection %s names "
                    + "no completion URL and the connection's %s partner settings no base URL", assessment.assessmentId(),
                    assessment.connectionId(), assessment.protocol());
        }
        String credential = settings.callbackKey() != null
                ? open(settings, callbackKeyBinding(settings.protocol(), settings.connectionId()), settings.callbackKey(),
                        "API key")
                : open(settings, partnerKeyBinding(settings.protocol(), settings.connectionId()), settings.partnerKey(),
                        "partner key");
        return new Callback(url, credential);
    }

    /** The assessment of this application and test that is in progress, if any. */
    public Optional<PartnerAssessment> inProgress(String tenantId, String connectionId, Vendor protocol, String applicationId,
                                                  String testId) {
        return store.findInProgress(connectionId, protocol, activeKey(applicationId, testId))
                .filter(a -> a.tenantId().equals(tenantId));
    }

    /**
     * How many assessments of this application and test ended (completed or cancelled): the generation of the next one,
     * which keys the AI vendor's idempotency so that an order retried after a failure finds the same interview while a
     * new assessment after an ended one gets a new interview.
     */
    public int ended(String tenantId, String connectionId, Vendor protocol, String applicationId, String testId) {
        return store.countEnded(tenantId, connectionId, protocol, applicationId, testId);
    }

    /**
     * Records an ordered assessment (status INVITED). When the interview is recorded already (the AI vendor answered a
     * retried order with the same interview) that assessment is returned, a conflict when it names an application and
     * is no longer in progress; when another assessment of the application and test is in progress, the answer says
     * so and nothing is stored.
     *
     * @param assessmentId  the id the ATS is to know it by, or null for a new UUID
     * @param applicationId the ATS's application, or null when the ATS names none (then no one-in-progress rule)
     * @param completionUrl where the completion goes, when the order names it
     */
    public Started record(String tenantId, String connectionId, Vendor protocol, @Nullable String assessmentId, String testId,
                          @Nullable String applicationId, String interviewId, @Nullable String completionUrl) {
        PartnerAssessment candidate = new PartnerAssessment(connectionId,
                assessmentId == null ? UUID.randomUUID().toString() : assessmentId, protocol, tenantId, testId, applicationId,
                interviewId, completionUrl, PartnerAssessment.Status.INVITED, null, null, Map.of());
        AssessmentPartnerStore.Recording recording = store.record(candidate,
                applicationId == null ? null : activeKey(applicationId, testId), now());
        PartnerAssessment a = recording.assessment();
        return switch (recording.outcome()) {
            case NEW -> new Started(a, false);
            case SAME_INTERVIEW -> new Started(a, applicationId != null && a.status() != PartnerAssessment.Status.INVITED);
            case OTHER_IN_PROGRESS -> new Started(a, true);
        };
    }

    /** The tenant's assessment of the connection by the id the ATS knows it by, if any. */
    public Optional<PartnerAssessment> find(String tenantId, String connectionId, Vendor protocol, String assessmentId) {
        return store.find(connectionId, assessmentId)
                .filter(a -> a.tenantId().equals(tenantId) && a.protocol() == protocol);
    }

    /** The tenant's assessment of the connection by the AI vendor's interview id, whatever the ATS, if any. */
    public Optional<PartnerAssessment> findByInterview(String tenantId, String connectionId, String interviewId) {
        return store.findByInterview(connectionId, interviewId).filter(a -> a.tenantId().equals(tenantId));
    }

    /**
     * Records the ATS's cancellation: an assessment in progress or with a result not yet reported becomes CANCELLED (and
     * no longer in progress), and in the same transaction the cancellation of its interview at the AI vendor is put into
     * the inbox ({@link PartnerInterviewCancellation}), so that it reaches the vendor even if this process stops right
     * after; the vendor is not called here. A cancelled or already notified assessment stays as it is and nothing more
     * is enqueued.
     *
     * @param ai the tenant's AI_VENDOR connection the assessment belongs to
     * @return the assessment after the change
     * @throws DomainException NOT_FOUND when the connection has no such assessment of the protocol in its tenant
     */
    public PartnerAssessment cancel(Connection ai, Vendor protocol, String assessmentId) {
        Instant now = now();
        DomainException notFound = DomainException.notFound("ASSESSMENT_NOT_FOUND", "connection %s has no assessment '%s'",
                ai.id(), assessmentId);
        if (find(ai.tenantId(), ai.id(), protocol, assessmentId).isEmpty()) {
            throw notFound;
        }
        return store.cancel(ai.id(), assessmentId, now, cancelled -> inbox.append(List.of(
                new PartnerInterviewCancellation(assessmentId, cancelled.interviewId()).event(ai, now)))).orElseThrow(() -> notFound);
    }

    /**
     * Stores the result (status COMPLETE, no longer in progress) unless the ATS cancelled the assessment meanwhile.
     *
     * @return whether the result was stored (false: the assessment is CANCELLED)
     */
    public boolean complete(PartnerAssessment assessment, double score, @Nullable String profileUrl,
                            Map<String, String> metadata) {
        return store.complete(assessment.connectionId(), assessment.assessmentId(), score, profileUrl, metadata, now());
    }

    /** Marks the completion as taken by the ATS (unless cancelled meanwhile). */
    public void notified(PartnerAssessment assessment) {
        store.notified(assessment.connectionId(), assessment.assessmentId(), now());
    }

    // ---- plumbing ----

    private AssessmentPartnerStore.Settings settings(String tenantId, String connectionId, Vendor protocol) {
        return store.settings(tenantId, connectionId, protocol).orElseThrow(() -> DomainException.notFound(
                notFoundReason(protocol), "connection %s offers no %s assessment partner API in this tenant", connectionId,
                protocol));
    }

    /**
     * The NOT_FOUND reason of a connection without the protocol's partner API, as each protocol's callers have been
     * told it: Greenhouse's came first and had the unqualified name.
     */
    public static String notFoundReason(Vendor protocol) {
        return protocol == Vendor.GREENHOUSE ? "PARTNER_CONNECTION_NOT_FOUND" : protocol.name() + "_PARTNER_CONNECTION_NOT_FOUND";
    }

    private String open(AssessmentPartnerStore.Settings settings, SecretCipher.Binding binding, byte[] sealed, String what) {
        try {
            return new String(cipher.open(binding, sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // A configuration failure, not a defect: the key was sealed under another master key (or the row was
            // copied from another installation). Re-declaring the key at start-up seals it again.
            throw DomainException.failedPrecondition(KEY_UNREADABLE, "the stored %s %s of connection %s does not decrypt "
                    + "with the configured master key (ATSBRIDGE_ADAPTER_MASTER_KEY) nor a previous one: it was sealed under "
                    + "another master key; add that key to ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS, or restart the adapter "
                    + "with the connection's %s partner settings configured so they are sealed again", settings.protocol(),
                    what, settings.connectionId(),
                    settings.protocol());
        }
    }

    /**
     * What a connection's partner key for the protocol is sealed for. The cipher's owner names of a connection's keys
     * are as each protocol has sealed them since it was added (so that stored keys still open): Greenhouse's partner
     * key by the connection id itself, other protocols' keys by {@code <protocol>-partner:} and {@code <protocol>-api:}
     * before it. Connection ids have no ':', so none of these can be the owner name of a connection's own secrets, of
     * another key, or of another connection's.
     */
    public static SecretCipher.Binding partnerKeyBinding(Vendor protocol, String connectionId) {
        String owner = protocol == Vendor.GREENHOUSE ? connectionId
                : protocol.name().toLowerCase(Locale.ROOT) + "-partner:" + connectionId;
        return SecretCipher.Binding.of(owner, SecretCipher.Purpose.PARTNER_KEY);
    }

    /** What a connection's callback key (the credential of the completion) for the protocol is sealed for. */
    public static SecretCipher.Binding callbackKeyBinding(Vendor protocol, String connectionId) {
        return SecretCipher.Binding.of(protocol.name().toLowerCase(Locale.ROOT) + "-api:" + connectionId,
                SecretCipher.Purpose.CREDENTIALS);
    }

    private static String activeKey(String applicationId, String testId) {
        return HexFormat.of().formatHex(sha256((applicationId + "\n" + testId).getBytes(StandardCharsets.UTF_8)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
