package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered object against the Kubernetes API schemas (kubernetes-models, Kubernetes 1.27) and the
 * prometheus-operator CRDs, through chart-tests/validate.mjs; and that the validator does reject.
 */
class RenderedObjectsValidationTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyRenderedObjectMatchesItsApiSchema(Variant variant) {
        Rendered rendered = Chart.render(variant);

        ChartTools.Result validation = ChartTools.get().validate(rendered.manifest());

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        int count = rendered.objects().size();
        assertThat(validation.stdout()).contains("validated " + count + " objects: " + count + " passed, 0 failed");
    }

    @Test
    void validatorRejectsAnObjectThatBreaksItsSchema() {
        String manifest = Chart.render(Variant.DEFAULTS).manifest()
                .replaceFirst("(?m)^  replicas: 2$", "  replicas: two");

        ChartTools.Result validation = ChartTools.get().validate(manifest);

        assertThat(validation.exitCode()).isEqualTo(1);
        assertThat(validation.stdout()).containsPattern("FAIL Deployment/atsbridge-\\w+: /spec/replicas must be integer");
    }

    @Test
    void validatorRejectsKindsItCannotCheck() {
        String manifest = Chart.render(Variant.DEFAULTS).manifest()
                + "\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"
                + "---\napiVersion: v1\nkind: Widget\nmetadata:\n  name: v\n";

        ChartTools.Result validation = ChartTools.get().validate(manifest);

        assertThat(validation.exitCode()).isEqualTo(1);
        assertThat(validation.stdout())
                .contains("FAIL Widget/w: unknown apiVersion \"example.com/v1\"")
                .contains("FAIL Widget/v: unknown kind \"Widget\" in v1");
    }
}
