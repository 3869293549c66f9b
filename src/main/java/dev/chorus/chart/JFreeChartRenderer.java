package dev.chorus.chart;

import dev.chorus.i18n.Texts;

import dev.chorus.budget.SpendHistory;
import dev.chorus.command.ChartRenderer;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** The charts of the replies, drawn with JFreeChart and sized to read on a phone. */
public final class JFreeChartRenderer implements ChartRenderer {

    static {
        // A bot runs on a server without a display.
        System.setProperty("java.awt.headless", "true");
    }

    @Override
    public byte[] usagePng(SpendHistory history, Texts texts) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM", texts.language().locale());
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<LocalDate, Map<String, Long>> date : history.byDay().entrySet()) {
            String label = day.format(date.getKey());
            for (String model : history.byModel().keySet()) {
                // Dollars as a double only for plotting; the money itself stays in integer micro-dollars.
                data.addValue(date.getValue().getOrDefault(model, 0L) / 1_000_000.0, model, label);
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(texts.get("chart.usage.title", history.byDay().size()),
                null, texts.get("chart.usage.axis"), data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        ((StackedBarRenderer) plot.getRenderer()).setShadowVisible(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 900, 600);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the usage chart", e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] statsPng(java.util.List<dev.chorus.orchestration.learning.RatingTally> tallies, Texts texts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (dev.chorus.orchestration.learning.RatingTally t : tallies) {
            if (!t.model().startsWith("strategy:")) {
                data.addValue(100 * t.shareGood(), t.model(), t.domain() + " (" + t.ratings() + ")");
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(texts.get("chart.stats.title"), null, texts.get("chart.stats.axis"), data,
                PlotOrientation.HORIZONTAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setRange(0, 100);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer()).setShadowVisible(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 900, Math.max(500, 60 * data.getColumnCount() + 200));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the ratings chart", e);
        }
        return out.toByteArray();
    }
}
