package dev.chorus.store;

/** One stored turn of a conversation: {@code role} is user or assistant. */
public record Turn(String role, String content) {
}
