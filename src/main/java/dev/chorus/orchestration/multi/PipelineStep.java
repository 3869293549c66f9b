package dev.chorus.orchestration.multi;

import java.util.Objects;

/** One named step of the admins' pipeline ({@code multi.pipeline}) and the model that does it. */
public record PipelineStep(String name, String modelId) {
    public PipelineStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modelId, "modelId");
    }
}
