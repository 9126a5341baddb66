package io.atsbridge.mapping.domain;

import io.atsbridge.mapping.domain.Assessment.ArtifactKind;
import io.atsbridge.mapping.domain.Assessment.Recommendation;
import io.atsbridge.mapping.domain.WritePlan.FieldValue;
import io.atsbridge.mapping.domain.WritePlan.NumberValue;
import io.atsbridge.mapping.domain.WritePlan.OptionValue;
import io.atsbridge.mapping.domain.WritePlan.TextValue;
import io.atsbridge.mapping.domain.WritePlan.UrlValue;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts one part of an assessment into the typed value of one ATS field, or says why it cannot.
 * Profiles are checked on upsert, so every mapping here has a source and target type that fit
 * together; what can still fail is the assessment's own content.
 */
final class FieldConversion {

    /** Numbers written to number fields keep two decimals, rounded half up. */
    static final int NUMBER_SCALE = 2;

    private FieldConversion() {
    }

    /** The result of converting one mapping: a value, or the reason there is none. */
    sealed interface Outcome {
    }

    record Converted(FieldValue value) implements Outcome {
    }

    record Dropped(String reason, String detail) implements Outcome {
    }

    static Outcome convert(FieldMapping mapping, Assessment assessment) {
        TargetField field = mapping.target();
        return switch (mapping.source()) {
            case OVERALL_SCORE -> score(field, assessment.overallScore());
            case CONFIDENCE -> confidence(field, assessment.confidence());
            case RECOMMENDATION -> recommendation(mapping, assessment.recommendation());
            case RATIONALE -> assessment.rationale().isBlank()
                    ? new Dropped("VALUE_MISSING", "the assessment has no rationale to write into field " + field.key())
                    : text(field, assessment.rationale());
            case TRANSCRIPT_URL -> link(field, assessment, ArtifactKind.TRANSCRIPT);
            case RECORDING_URL -> link(field, assessment, ArtifactKind.RECORDING);
        };
    }

    /**
     * Converts a value linearly from one range to another, rounded half up to {@value #NUMBER_SCALE}
     * decimals and kept inside the target range. Decimal arithmetic, so that 4.1 of 0..5 is exactly 82
     * of 0..100 and not 81.99999999999999.
     */
    static BigDecimal rescale(double value, double fromMin, double fromMax, double toMin, double toMax) {
        BigDecimal from = BigDecimal.valueOf(fromMin);
        BigDecimal to = BigDecimal.valueOf(toMin);
        BigDecimal toTop = BigDecimal.valueOf(toMax);
        BigDecimal fraction = BigDecimal.valueOf(value).subtract(from)
                .divide(BigDecimal.valueOf(fromMax).subtract(from), MathContext.DECIMAL64);
        BigDecimal result = to.add(fraction.multiply(toTop.subtract(to), MathContext.DECIMAL64))
                .setScale(NUMBER_SCALE, RoundingMode.HALF_UP);
        // Rounding can step just past a bound that has more decimals than we keep (e.g. a max of 9.999).
        return result.max(to).min(toTop);
    }

    /** A number as people write it: no exponent, no trailing zeros. */
    static String format(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    static String format(double number) {
        return format(BigDecimal.valueOf(number));
    }

    private static Outcome score(TargetField field, Assessment.Score score) {
        BigDecimal converted = rescale(score.value(), score.min(), score.max(), field.numberMin(), field.rangeMax());
        if (field.type() == FieldType.NUMBER) {
            return new Converted(new NumberValue(converted.doubleValue()));
        }
        return text(field, format(converted) + " on a scale of " + format(field.numberMin()) + " to " + format(field.rangeMax()));
    }

    private static Outcome confidence(TargetField field, double confidence) {
        if (confidence == 0) {
            // proto3 cannot tell 0 from unset, and no vendor reports zero confidence in a result it sends.
            return new Dropped("VALUE_MISSING", "the assessment gives no confidence (0 is taken as not given) for field " + field.key());
        }
        if (!(confidence > 0 && confidence <= 1)) {
            return new Dropped("VALUE_INVALID", String.format(Locale.ROOT,
                    "assessment.confidence is %s (expected: 0.0..1.0); field %s is left as it is", confidence, field.key()));
        }
        BigDecimal percent = percent(confidence);
        if (field.type() != FieldType.NUMBER) {
            return text(field, format(percent) + "%");
        }
        double value = percent.doubleValue();
        if (value < field.numberMin() || value > field.rangeMax()) {
            return new Dropped("VALUE_OUT_OF_RANGE", String.format(Locale.ROOT,
                    "confidence %s%% does not fit field %s (range %s..%s); give the field a 0..100 range",
                    format(percent), field.key(), format(field.numberMin()), format(field.rangeMax())));
        }
        return new Converted(new NumberValue(value));
    }

    private static Outcome recommendation(FieldMapping mapping, @Nullable Assessment.Recommendation recommendation) {
        TargetField field = mapping.target();
        if (recommendation == null) {
            return new Dropped("VALUE_MISSING", "the assessment gives no recommendation for field " + field.key());
        }
        String configured = mapping.optionLabels().get(recommendation.name());
        if (field.type() != FieldType.SINGLE_SELECT) {
            return text(field, configured != null ? configured : displayName(recommendation));
        }
        // Without a configured label, an option named like the recommendation ("Advance") is the natural match.
        Optional<FieldOption> option = field.optionLabelled(configured != null ? configured : recommendation.name());
        if (option.isEmpty()) {
            return new Dropped("NO_MATCHING_OPTION", String.format(Locale.ROOT,
                    "no option of field %s matches recommendation %s; add option_labels %s to one of %s in the mapping profile",
                    field.key(), recommendation.name(), recommendation.name(),
                    field.options().stream().map(FieldOption::label).toList()));
        }
        return new Converted(new OptionValue(option.get().id()));
    }

    /** A 0.0..1.0 fraction as a whole percentage, rounded half up in decimal (0.285 is 29, not 28). */
    static BigDecimal percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).setScale(0, RoundingMode.HALF_UP);
    }

    /** How the note and text fields name a recommendation. */
    static String displayName(Recommendation recommendation) {
        return switch (recommendation) {
            case ADVANCE -> "Advance";
            case MAYBE -> "Maybe";
            case PASS -> "Pass";
        };
    }

    private static Outcome text(TargetField field, String text) {
        String value = field.type() == FieldType.SHORT_TEXT ? TextFit.oneLine(text) : text.strip();
        return new Converted(new TextValue(TextFit.cut(value, field.maxLength())));
    }

    private static Outcome link(TargetField field, Assessment assessment, ArtifactKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        Optional<Assessment.Artifact> artifact = assessment.artifact(kind);
        if (artifact.isEmpty()) {
            return new Dropped("VALUE_MISSING", "the assessment has no " + name + " link for field " + field.key());
        }
        String uri = artifact.get().uri().strip();
        if (!isHttpUrl(uri)) {
            return new Dropped("URL_INVALID", String.format(Locale.ROOT,
                    "the %s link '%s' is not an absolute http(s) URL; field %s is left as it is", name, uri, field.key()));
        }
        // A cut link leads nowhere, so a link that does not fit is left out rather than shortened.
        if (!field.fits(uri)) {
            return new Dropped("TEXT_TOO_LONG", String.format(Locale.ROOT,
                    "the %s link has %s characters but field %s takes at most %s; raise the field's max_length",
                    name, uri.codePointCount(0, uri.length()), field.key(), field.maxLength()));
        }
        return new Converted(field.type() == FieldType.URL ? new UrlValue(uri) : new TextValue(uri));
    }

    /** Whether the text is an absolute http or https URL with a host. */
    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
