package io.atsbridge.sandbox.aivendor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Produces interview results from a seed and an interview id, the same on every run and every JVM: the
 * two are hashed (SHA-256) into the seed of a {@link Random}, whose sequence the Java specification fixes.
 * A different seed or interview id gives a different result.
 */
public final class InterviewResultGenerator {

    /** The simulated model. */
    public static final String MODEL_ID = "sandbox-interviewer";
    public static final String MODEL_VERSION = "2026-01-15";
    public static final String PROMPT_VERSION = "screening-v3";
    /** Where transcripts and recordings are said to live. */
    public static final String MEDIA_BASE = "https://ai-sandbox.example/interviews/";

    static final List<String> COMPETENCIES = List.of("Communication", "Problem solving", "Technical depth",
            "Collaboration", "Ownership", "Adaptability", "Customer focus");
    static final List<String> SKILLS = List.of("Java", "SQL", "System design", "Kubernetes", "Python",
            "Stakeholder management", "Data analysis", "REST APIs", "Automated testing", "Cloud infrastructure",
            "Mentoring", "Incident response");
    private static final List<String> LEVEL_RATIONALES = List.of(
            "Could not give a relevant example when asked.",
            "Examples were thin and lacked concrete detail.",
            "Answers were adequate but stayed general under follow-up questions.",
            "Gave clear examples and handled follow-up questions well.",
            "Consistently gave specific, well-structured examples with measurable outcomes.");

    private InterviewResultGenerator() {
    }

    /** The result of interview {@code interviewId} under {@code seed}. */
    public static InterviewResult generate(long seed, String interviewId) {
        Random random = new Random(mix(seed, interviewId));
        // The mean of two uniform draws: most candidates land mid-range, a few at the extremes.
        int score = (int) Math.round((random.nextInt(101) + random.nextInt(101)) / 2.0);
        String recommendation = score >= 70 ? "advance" : score >= 45 ? "maybe" : "pass";

        List<String> names = new ArrayList<>(COMPETENCIES);
        Collections.shuffle(names, random);
        int competencyCount = 3 + random.nextInt(3);
        List<Competency> competencies = new ArrayList<>();
        for (String name : names.subList(0, competencyCount)) {
            int level = Math.max(1, Math.min(5, 1 + score / 25 + random.nextInt(3) - 1));
            competencies.add(new Competency(name, level, LEVEL_RATIONALES.get(level - 1)));
        }

        List<String> pool = new ArrayList<>(SKILLS);
        Collections.shuffle(pool, random);
        List<String> skills = List.copyOf(pool.subList(0, 2 + random.nextInt(5)));

        double confidence = (50 + random.nextInt(50)) / 100.0;
        int sentences = 2 + random.nextInt(3);
        String rationale = rationale(score, recommendation, competencies, skills, sentences);

        return new InterviewResult(score, 0, 100, recommendation, competencies, rationale, confidence, skills,
                MEDIA_BASE + interviewId + "/transcript", MEDIA_BASE + interviewId + "/recording",
                MODEL_ID, MODEL_VERSION, PROMPT_VERSION);
    }

    private static String rationale(int score, String recommendation, List<Competency> competencies,
                                    List<String> skills, int sentences) {
        Competency strongest = competencies.stream().max((a, b) -> Integer.compare(a.score(), b.score())).orElseThrow();
        Competency weakest = competencies.stream().min((a, b) -> Integer.compare(a.score(), b.score())).orElseThrow();
        List<String> parts = new ArrayList<>();
        parts.add(switch (recommendation) {
            case "advance" -> "The candidate performed strongly overall, scoring " + score + " of 100.";
            case "maybe" -> "The candidate gave a mixed performance, scoring " + score + " of 100.";
            default -> "The candidate's answers fell short of the role's bar, scoring " + score + " of 100.";
        });
        parts.add("Their strongest area was " + strongest.name().toLowerCase() + " (" + strongest.score() + " of 5).");
        parts.add("A human interviewer should probe " + weakest.name().toLowerCase() + " further ("
                + weakest.score() + " of 5).");
        parts.add("They showed evidence of " + String.join(", ", skills) + ".");
        return String.join(" ", parts.subList(0, sentences));
    }

    private static long mix(long seed, String interviewId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((seed + ":" + interviewId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
