package dev.chorus.provider.anthropic;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.Role;
import dev.chorus.provider.anthropic.wire.WireMessage;
import dev.chorus.provider.anthropic.wire.WireRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a provider-neutral conversation to the Messages API's rules, which answer 400 otherwise:
 * no system role inside {@code messages}, the first turn from the user, and user and assistant
 * strictly alternating.
 */
final class RequestShaper {

    static final String TURN_SEPARATOR = "\n\n";

    /** Stands in for the user's part when a history was trimmed down to start with an answer. */
    static final String PLACEHOLDER_USER_TURN = "(earlier conversation omitted)";

    // Anthropic accepts 0..1 only; ChatRequest allows OpenAI's 0..2 so one setting can serve every
    // provider. Clamping keeps such a request working: 1.0 is already Anthropic's most varied.
    private static final double MAX_TEMPERATURE = 1.0;
    /** Anthropic refuses a smaller thinking budget. */
    static final int MIN_THINKING_BUDGET = 1_024;

    private RequestShaper() {
    }

    static WireRequest shape(ChatRequest request, boolean stream) {
        List<String> system = new ArrayList<>();
        List<WireMessage> turns = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            // Anthropic rejects empty turns, and an empty turn says nothing anyway.
            if (message.content().isBlank()) {
                continue;
            }
            if (message.role() == Role.SYSTEM) {
                system.add(message.content());
            } else {
                append(turns, message.role().wireName(), message.content());
            }
        }
        if (turns.isEmpty() || !turns.getFirst().role().equals(Role.USER.wireName())) {
            turns.addFirst(new WireMessage(Role.USER.wireName(), PLACEHOLDER_USER_TURN));
        }
        Double temperature = request.temperature() == null ? null : Math.min(request.temperature(), MAX_TEMPERATURE);
        WireRequest.Thinking thinking = null;
        if (request.reasoning() != null) {
            // thinking takes no temperature (the API refuses one) and its budget comes out of max_tokens
            thinking = WireRequest.Thinking.enabled(Math.max(MIN_THINKING_BUDGET, request.reasoning().budgetTokens()));
            temperature = null;
        }
        return new WireRequest(request.model(), request.maxTokens(),
                system.isEmpty() ? null : String.join(TURN_SEPARATOR, system), List.copyOf(turns), temperature, stream,
                thinking);
    }

    /** Consecutive turns of one role become one turn, as the API requires alternation. */
    private static void append(List<WireMessage> turns, String role, String content) {
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            WireMessage last = turns.removeLast();
            turns.add(new WireMessage(role, last.content() + TURN_SEPARATOR + content));
        } else {
            turns.add(new WireMessage(role, content));
        }
    }
}
