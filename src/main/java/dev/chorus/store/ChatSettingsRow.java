package dev.chorus.store;

/** A chat's routing choices as stored; {@code pinnedModel} may be null. */
public record ChatSettingsRow(String mode, String pinnedModel, boolean allowEscalation) {
}
