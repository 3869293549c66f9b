package dev.chorus.command;

import dev.chorus.budget.SpendHistory;

/**
 * Draws the pictures some replies carry. Drawing needs AWT and a charting library, which the
 * commands keep out of: {@code dev.chorus.chart} implements this.
 */
public interface ChartRenderer {

    /** {@code /usage} as a PNG: spend per day, stacked by model; titles and dates in the language of {@code texts}. */
    byte[] usagePng(SpendHistory history, dev.chorus.i18n.Texts texts);

    /** {@code /stats} as a PNG: the share of good ratings per model, grouped by domain. */
    byte[] statsPng(java.util.List<dev.chorus.orchestration.learning.RatingTally> tallies, dev.chorus.i18n.Texts texts);
}
