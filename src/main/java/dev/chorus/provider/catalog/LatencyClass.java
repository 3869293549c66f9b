package dev.chorus.provider.catalog;

/** Roughly how fast a model starts and finishes answering; {@code /mode fast} prefers the first. */
public enum LatencyClass {
    FAST, MEDIUM, SLOW
}
