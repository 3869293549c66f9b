package dev.chorus.orchestration.delegation;

import java.util.Optional;

/**
 * A chat's choices about routing.
 *
 * @param pinnedModel a model id that answers everything, when set with {@code /model}
 * @param allowEscalation whether hard questions may go to a stronger, dearer model on their own
 */
public record Preferences(Mode mode, Optional<String> pinnedModel, boolean allowEscalation) {
    public static final Preferences DEFAULT = new Preferences(Mode.BALANCED, Optional.empty(), true);
}
