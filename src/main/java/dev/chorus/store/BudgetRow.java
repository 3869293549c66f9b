package dev.chorus.store;

/** A scope's own budget, set by an admin. {@code period} is day, week or month. */
public record BudgetRow(long limitMicros, String period) {
}
