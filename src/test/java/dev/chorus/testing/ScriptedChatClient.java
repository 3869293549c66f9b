package dev.chorus.testing;

import dev.chorus.provider.CancelSignal;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.StreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ChatClient} that answers from a script, for tests of what sits above the provider layer
 * (the wire protocol itself is tested against MockWebServer). Streams the answer in two pieces.
 */
public final class ScriptedChatClient implements ChatClient {
    private final Function<ChatRequest, ChatOutcome> script;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedChatClient(Function<ChatRequest, ChatOutcome> script) {
        this.script = script;
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ChatOutcome complete(ChatRequest request) {
        requests.add(request);
        return script.apply(request);
    }

    @Override
    public ChatOutcome stream(ChatRequest request, StreamListener listener, CancelSignal cancel) {
        ChatOutcome outcome = complete(request);
        String text = switch (outcome) {
            case ChatOutcome.Completed c -> c.text();
            case ChatOutcome.Interrupted i -> i.partialText();
            default -> "";
        };
        if (!text.isEmpty()) {
            int half = text.length() / 2;
            listener.onText(text.substring(0, half));
            listener.onText(text.substring(half));
        }
        return outcome;
    }
}
