package dev.chorus.command;

import dev.chorus.budget.SpendHistory;

/**
 * Draws the pictures some replies carry. Drawing needs AWT and a charting library, which the
 * commands keep out of: {@code dev.chorus.chart} implements this.
 */
public interface ChartRenderer {

    /** {@code /usage} as a PNG: spend per day, stacked by model. */
    byte[] usagePng(SpendHistory history);

    /** {@code /stats} as a PNG: the share of good ratings per model, grouped by domain. */
    byte[] statsPng(java.util.List<dev.chorus.orchestration.learning.RatingTally> tallies);
}
