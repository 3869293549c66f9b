package dev.chorus.provider.resilience;

import dev.chorus.config.ResilienceSettings;
import dev.chorus.provider.CancelSignal;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.Usage;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between Chorus and one provider: a circuit breaker (failure rate and slow first
 * tokens), a bulkhead (calls in flight), a first-token and a total timeout, and retries with
 * exponential backoff and jitter that honour {@code retry-after}. Thread-safe; one per provider.
 *
 * <p>Resilience4j's breaker and bulkhead are used as they are. Its Retry is not: we must never
 * retry once a token has been streamed (the user has seen it), must wait what a 429 asks, and must
 * be testable without sleeping, so the attempts are driven here with its backoff function.
 */
public final class ProviderGuard {
    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);
    // Waiting longer than this for one provider is worse than answering with the next model.
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);
    static final String DEADLINE_PASSED = "the answer's deadline passed";

    private final String provider;
    private final ChatClient client;
    private final ResilienceSettings settings;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.5);
    private final Sleeper sleeper;
    private final ProviderMetrics metrics;

    public ProviderGuard(String provider, ChatClient client, ResilienceSettings settings, Clock clock, Sleeper sleeper,
                         ProviderMetrics metrics) {
        this(provider, client, settings, breaker(provider, settings, clock), bulkhead(provider, settings), sleeper,
                metrics);
    }

    private ProviderGuard(String provider, ChatClient client, ResilienceSettings settings, CircuitBreaker breaker,
                          Bulkhead bulkhead, Sleeper sleeper, ProviderMetrics metrics) {
        this.provider = provider;
        this.client = client;
        this.settings = settings;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /**
     * A guard of the same provider that talks through {@code other}: one provider may serve models
     * of both wire protocols, but it is one service that fails or is busy as a whole, so the breaker,
     * the bulkhead and the metrics stay shared.
     */
    public ProviderGuard withClient(ChatClient other) {
        return new ProviderGuard(provider, other, settings, breaker, bulkhead, sleeper, metrics);
    }

    private static CircuitBreaker breaker(String provider, ResilienceSettings settings, Clock clock) {
        return CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .clock(clock)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                // Slow means slow to start: a long answer legitimately takes long to finish.
                .slowCallDurationThreshold(settings.firstTokenTimeout().dividedBy(2))
                .slowCallRateThreshold(80)
                .waitDurationInOpenState(settings.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
    }

    private static Bulkhead bulkhead(String provider, ResilienceSettings settings) {
        return Bulkhead.of(provider, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ofSeconds(2))
                .build());
    }

    public String provider() {
        return provider;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Failure rate over the breaker's window in percent, or -1 while it has too few calls to say. */
    public float failureRate() {
        return breaker.getMetrics().getFailureRate();
    }

    /** Streams {@code request}, retrying what can be retried while nothing has been shown. */
    public GuardedOutcome call(ChatRequest request, StreamListener listener) {
        return call(request, listener, SpendGate.Spend.NONE, Deadline.NONE);
    }

    /**
     * Streams {@code request} within {@code deadline}, retrying what can be retried while nothing has
     * been shown, and never letting the output grow past {@code max_tokens} or what {@code spend}
     * can hold: there the call is cancelled and what was shown is the answer.
     */
    public GuardedOutcome call(ChatRequest request, StreamListener listener, SpendGate.Spend spend, Deadline deadline) {
        long start = System.nanoTime();
        int tries = 0;
        while (true) {
            tries++;
            CancelSignal cancel = new CancelSignal();
            TimedStream stream = new TimedStream(listener, System.nanoTime(),
                    new OutputCap(request.maxTokens(), spend, cancel::cancel, hiddenReasoning(request)));
            ChatOutcome outcome = attempt(request, stream, cancel, deadline);
            boolean last = tries > settings.maxRetries() || stream.sawText() || !outcome.retryable();
            Duration wait = last ? null : waitBefore(tries, outcome, deadline);
            if (wait == null) {
                return new GuardedOutcome(outcome, stream.shownText(), tries, Duration.ofNanos(System.nanoTime() - start));
            }
            log.info("{} answered {}; retrying in {} ms", provider, OutcomeKind.of(outcome).label(), wait.toMillis());
            sleeper.sleep(wait);
        }
    }

    private Duration waitBefore(int tries, ChatOutcome outcome, Deadline deadline) {
        // An open circuit stays open for a while; a provider slow to start now is likely slow again.
        // Either way the next model answers sooner than a retry would.
        if (outcome instanceof ChatOutcome.Overloaded o && o.reason() == ChatOutcome.Overloaded.Reason.CIRCUIT_OPEN
                || outcome instanceof ChatOutcome.Timeout) {
            return null;
        }
        Duration wait = outcome instanceof ChatOutcome.RateLimited r && r.retryAfter() != null
                ? r.retryAfter() : Duration.ofMillis(backoff.apply(tries));
        // A retry that cannot start well inside the deadline only delays telling the user.
        return wait.compareTo(MAX_RETRY_WAIT) > 0 || wait.multipliedBy(2).compareTo(deadline.remaining()) > 0
                ? null : wait;
    }

    private ChatOutcome attempt(ChatRequest request, TimedStream stream, CancelSignal cancel, Deadline deadline) {
        if (deadline.passed()) {
            return new ChatOutcome.Timeout(DEADLINE_PASSED);
        }
        if (!breaker.tryAcquirePermission()) {
            metrics.record(provider, OutcomeKind.CIRCUIT_OPEN.label(), 0);
            return new ChatOutcome.Overloaded(ChatOutcome.Overloaded.Reason.CIRCUIT_OPEN,
                    provider + " failed repeatedly; skipping it for now");
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            metrics.record(provider, OutcomeKind.BULKHEAD_FULL.label(), 0);
            return new ChatOutcome.Overloaded(ChatOutcome.Overloaded.Reason.BULKHEAD_FULL,
                    "too many calls in flight to " + provider);
        }
        // a reasoning model thinks before its first token, unseen when its reasoning is hidden
        Duration firstTokenTimeout = request.reasoning() == null ? settings.firstTokenTimeout()
                : min(settings.firstTokenTimeout().multipliedBy(REASONING_PATIENCE), settings.totalTimeout());
        Duration firstTokenWait = deadline.bound(firstTokenTimeout);
        Duration totalWait = deadline.bound(settings.totalTimeout());
        String firstTokenWhy = firstTokenWait.compareTo(firstTokenTimeout) < 0 ? DEADLINE_PASSED
                : "no first token within " + firstTokenTimeout.toSeconds() + " s";
        String totalWhy = totalWait.compareTo(settings.totalTimeout()) < 0 ? DEADLINE_PASSED
                : "no complete answer within " + settings.totalTimeout().toSeconds() + " s";
        ScheduledFuture<?> firstToken = Watchdog.SHARED.after(firstTokenWait, () -> {
            if (stream.timeOut(firstTokenWhy, true)) {
                cancel.cancel();
            }
        });
        ScheduledFuture<?> total = Watchdog.SHARED.after(totalWait, () -> {
            if (stream.timeOut(totalWhy, false)) {
                cancel.cancel();
            }
        });
        // Ended early by whoever runs the question (a member no longer needed): cancel the call.
        Runnable unregister = deadline.onEnd(() -> {
            if (stream.timeOut(DEADLINE_PASSED, false)) {
                cancel.cancel();
            }
        });
        ChatOutcome outcome;
        try {
            outcome = client.stream(request, stream, cancel);
        } finally {
            unregister.run();
            firstToken.cancel(false);
            total.cancel(false);
            bulkhead.onComplete();
        }
        if (stream.stopped() != null) {
            // Cut at its cap: what was shown is the answer, and what it cost is counted here, since
            // a cancelled stream never reports usage.
            long billed = Math.min(request.maxTokens(), stream.billedTokens());
            outcome = new ChatOutcome.Completed(stream.shownText(),
                    new Usage(TokenEstimator.estimate(request.messages()), 0, billed,
                            Math.min(billed, stream.reasoningTokens()), true), request.model(),
                    stream.stopped() == OutputCap.Stop.BUDGET ? FinishReason.BUDGET : FinishReason.LENGTH);
        } else if (stream.timedOut() != null) {
            outcome = stream.sawText() ? new ChatOutcome.Interrupted(stream.shownText(), stream.timedOut())
                    : new ChatOutcome.Timeout(stream.timedOut());
        } else if (outcome instanceof ChatOutcome.Interrupted i && !i.partialText().equals(stream.shownText())) {
            // What counts is what the user saw; the client's partial text may include a delta we held back.
            outcome = new ChatOutcome.Interrupted(stream.shownText(), i.message());
        }
        long latency = stream.firstTokenLatencyNanos();
        if (countsAsFailure(outcome)) {
            breaker.onError(latency, TimeUnit.NANOSECONDS, new ProviderFailure(outcome));
        } else {
            breaker.onSuccess(latency, TimeUnit.NANOSECONDS);
        }
        metrics.record(provider, OutcomeKind.of(outcome).label(), latency);
        return outcome;
    }

    private static boolean countsAsFailure(ChatOutcome outcome) {
        return OutcomeKind.of(outcome).providerFault();
    }

    /** Carries a failed outcome into the breaker, which counts Throwables. Never thrown. */
    private static final class ProviderFailure extends RuntimeException {
        ProviderFailure(ChatOutcome outcome) {
            super(OutcomeKind.of(outcome).label(), null, false, false);
        }
    }

    /** How many times longer a reasoning model may take to its first token. */
    static final int REASONING_PATIENCE = 4;

    /** The reasoning a request may spend unseen: OpenAI-style reasoning is hidden, Anthropic's thinking streams. */
    static int hiddenReasoning(ChatRequest request) {
        return request.reasoning() != null && request.reasoning().hidden() ? request.reasoning().budgetTokens() : 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
