package dev.chorus.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static final ModelPrice GPT_4O_MINI = new ModelPrice(
            new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60"), LocalDate.of(2025, 6, 12));

    @Test
    void fixedPointCostsEqualTheExactSumRoundedUp() {
        Random random = new Random(11);
        List<BigDecimal> prices = new ArrayList<>(List.of(new BigDecimal("0.075"), new BigDecimal("3"),
                new BigDecimal("0.0000000001"), new BigDecimal("1.2345678912345"), new BigDecimal("1E+3"),
                new BigDecimal("0.30000000000000000000"), new BigDecimal("92233720368.54775807"), BigDecimal.ZERO));
        for (int i = 0; i < 200; i++) {
            prices.add(BigDecimal.valueOf(random.nextInt(2_000_000), random.nextInt(8)));
        }
        for (int i = 0; i < 20_000; i++) {
            BigDecimal in = prices.get(random.nextInt(prices.size()));
            BigDecimal cached = random.nextBoolean() ? null : prices.get(random.nextInt(prices.size()));
            BigDecimal out = prices.get(random.nextInt(prices.size()));
            ModelPrice price = new ModelPrice(in, cached, out, null);
            long input = random.nextInt(3) == 0 ? random.nextLong(Long.MAX_VALUE / 4) : random.nextInt(2_000_000);
            long cachedTokens = input == 0 ? 0 : random.nextLong(input + 1);
            long output = random.nextInt(3) == 0 ? random.nextLong(Long.MAX_VALUE / 4) : random.nextInt(200_000);
            BigDecimal exact = in.multiply(BigDecimal.valueOf(input - cachedTokens))
                    .add((cached == null ? in : cached).multiply(BigDecimal.valueOf(cachedTokens)))
                    .add(out.multiply(BigDecimal.valueOf(output)))
                    .setScale(0, java.math.RoundingMode.CEILING);
            Usage usage = new Usage(input, cachedTokens, output, 0, false);
            if (exact.toBigIntegerExact().bitLength() < 64) {
                assertThat(price.costMicros(usage)).as("%s %s", price, usage).isEqualTo(exact.longValueExact());
            } else {
                assertThatThrownBy(() -> price.costMicros(usage)).isInstanceOf(ArithmeticException.class);
            }
        }
    }

    @Test
    void roleWireNamesAreLowercase() {
        assertThat(Role.SYSTEM.wireName()).isEqualTo("system");
        assertThat(Role.USER.wireName()).isEqualTo("user");
        assertThat(Role.ASSISTANT.wireName()).isEqualTo("assistant");
        assertThat(ChatMessage.assistant("hi")).isEqualTo(new ChatMessage(Role.ASSISTANT, "hi"));
    }

    @Test
    void chatRequestCopiesMessagesAndValidates() {
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("hi")));
        ChatRequest request = new ChatRequest("gpt-4o-mini", messages, 100, null);
        messages.add(ChatMessage.user("later"));
        assertThat(request.messages()).containsExactly(ChatMessage.user("hi"));
        assertThatThrownBy(() -> request.messages().add(ChatMessage.user("x")))
                .isInstanceOf(UnsupportedOperationException.class);

        assertThatThrownBy(() -> new ChatRequest(" ", messages, 100, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatRequest("m", List.of(), 100, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatRequest("m", messages, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatRequest("m", messages, 10, 2.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatRequest("m", messages, 10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ChatRequest("m", messages, 10, 0.7).temperature()).isEqualTo(0.7);
    }

    @Test
    void usageRejectsInconsistentCounts() {
        assertThatThrownBy(() -> new Usage(10, 11, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Usage(10, 0, 5, 6, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Usage(-1, 0, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Usage.ZERO).isEqualTo(new Usage(0, 0, 0, 0, false));
        assertThat(Usage.estimated(3, 4)).isEqualTo(new Usage(3, 0, 4, 0, true));
    }

    @Test
    void costSplitsCachedInputAndRoundsUpOnce() {
        // 72 uncached x $0.15/M = 10.8 µ$, 1792 cached x $0.075/M = 134.4 µ$, 31 out x $0.60/M = 18.6 µ$
        // sum 163.8 µ$ -> rounded up once to 164 (rounding each part up would give 11+135+19 = 165).
        assertThat(GPT_4O_MINI.costMicros(new Usage(1864, 1792, 31, 0, false))).isEqualTo(164);
        // a single token at $0.15/M is 0.15 µ$, which must still count as 1
        assertThat(GPT_4O_MINI.costMicros(new Usage(1, 0, 0, 0, false))).isEqualTo(1);
        assertThat(GPT_4O_MINI.costMicros(Usage.ZERO)).isZero();
    }

    @Test
    void cachedTokensFallBackToInputPriceWithoutADiscount() {
        ModelPrice noCacheDiscount = new ModelPrice(new BigDecimal("2"), null, new BigDecimal("10"), LocalDate.EPOCH);
        // 1000 x $2/M + 500 x $10/M = 2000 + 5000 µ$, cached or not
        assertThat(noCacheDiscount.costMicros(new Usage(1000, 800, 500, 0, false))).isEqualTo(7000);
    }

    @Test
    void maxCostChargesAllInputAtFullPrice() {
        // 1864 x 0.15 = 279.6, 1000 x 0.60 = 600 -> 879.6 -> 880
        assertThat(GPT_4O_MINI.maxCostMicros(1864, 1000)).isEqualTo(880);
        assertThat(ModelPrice.FREE.maxCostMicros(1_000_000, 1_000_000)).isZero();
        assertThat(ModelPrice.FREE.costMicros(new Usage(50, 10, 20, 5, false))).isZero();
    }

    @Test
    void priceRejectsNegativeValues() {
        assertThatThrownBy(() -> new ModelPrice(new BigDecimal("-1"), null, BigDecimal.ONE, LocalDate.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finishReasonsMapIncludingMistralVariants() {
        assertThat(FinishReason.fromWire("stop")).isEqualTo(FinishReason.STOP);
        assertThat(FinishReason.fromWire("length")).isEqualTo(FinishReason.LENGTH);
        assertThat(FinishReason.fromWire("model_length")).isEqualTo(FinishReason.LENGTH);
        assertThat(FinishReason.fromWire("content_filter")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(FinishReason.fromWire("tool_calls")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(FinishReason.fromWire("error")).isEqualTo(FinishReason.OTHER);
        assertThat(FinishReason.fromWire(null)).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void retryableIsDecidedByOutcomeType() {
        assertThat(new ChatOutcome.RateLimited(Duration.ofSeconds(1), "x").retryable()).isTrue();
        assertThat(new ChatOutcome.Overloaded("x").retryable()).isTrue();
        assertThat(new ChatOutcome.ServerError(500, "x").retryable()).isTrue();
        assertThat(new ChatOutcome.Timeout("x").retryable()).isTrue();
        assertThat(new ChatOutcome.NetworkError("x").retryable()).isTrue();
        assertThat(new ChatOutcome.Completed("t", Usage.ZERO, "m", FinishReason.STOP).retryable()).isFalse();
        assertThat(new ChatOutcome.Refused("no", Usage.ZERO).retryable()).isFalse();
        assertThat(new ChatOutcome.AuthFailed("x").retryable()).isFalse();
        assertThat(new ChatOutcome.ContextTooLong("x").retryable()).isFalse();
        assertThat(new ChatOutcome.BadRequest("x").retryable()).isFalse();
        assertThat(new ChatOutcome.Interrupted("part", "x").retryable()).isFalse();
    }

    @Test
    void outcomeMessagesAreClippedToOneShortLine() {
        String message = new ChatOutcome.BadRequest("first\nsecond   " + "x".repeat(500)).message();
        assertThat(message).startsWith("first second x").hasSize(200).endsWith("…").doesNotContain("\n");
        assertThat(new ChatOutcome.Interrupted("y".repeat(500), "m").partialText()).hasSize(500);
    }

    @Test
    void outcomeMessagesRedactKeyLikeStrings() {
        String message = new ChatOutcome.AuthFailed(
                "Incorrect API key provided: sk-proj-****9xQz. Header was Bearer abc.def").message();
        assertThat(message).doesNotContain("9xQz").doesNotContain("abc.def").contains("[redacted]");
    }
}
