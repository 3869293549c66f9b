package dev.chorus.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.sse.ServerSentEvent;
import dev.chorus.provider.sse.ServerSentEventReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What every HTTP wire protocol shares: sending a request, turning an error status into an outcome
 * (with the key scrubbed from the body), reading an SSE stream into a protocol's stream state, and
 * mapping timeouts, cancellation and dropped connections the same way. A protocol supplies the
 * request shape, its error mapper, its parser and its stream state. Immutable and thread-safe.
 */
public abstract class HttpChatClient implements ChatClient {
    protected final OkHttpClient http;
    protected final HttpUrl endpoint;
    protected final String apiKey;
    protected final ObjectMapper json;

    /**
     * @param endpoint the full URL requests are posted to
     * @param apiKey null or blank for servers without auth
     */
    protected HttpChatClient(OkHttpClient http, HttpUrl endpoint, String apiKey, ObjectMapper json) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.json = Objects.requireNonNull(json, "json");
        // Checked here so a bad key fails at startup; the message must not contain the key.
        if (this.apiKey != null && !this.apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProviderException("API key contains characters not allowed in an HTTP header");
        }
    }

    /** The HTTP request for {@code request}, streaming or not, with the protocol's auth header. */
    protected abstract Request httpRequest(ChatRequest request, boolean stream);

    /** The protocol's error mapping for a non-2xx response; {@code body} is already scrubbed of the key. */
    protected abstract ChatOutcome error(int status, Headers headers, String body);

    /** A whole (non-streamed) 2xx answer. */
    protected abstract ChatOutcome answer(String body, int status, ChatRequest request);

    /** A fresh state that reads one SSE stream. */
    protected abstract StreamState newStream(StreamListener listener, Headers headers);

    /**
     * A 2xx answer to a stream request that is not an event stream, or {@code null} to read it as one.
     * Some compatible servers ignore {@code stream: true}.
     */
    protected ChatOutcome nonStreamAnswer(Response response, ChatRequest request, StreamListener listener)
            throws IOException {
        return null;
    }

    @Override
    public final ChatOutcome complete(ChatRequest request) {
        try (Response response = http.newCall(httpRequest(request, false)).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                return error(response.code(), response.headers(), IoOutcomes.scrub(body, apiKey));
            }
            return answer(body, response.code(), request);
        } catch (InterruptedIOException e) {
            return IoOutcomes.timeout();
        } catch (IOException e) {
            return IoOutcomes.network(e);
        }
    }

    @Override
    public final ChatOutcome stream(ChatRequest request, StreamListener listener, CancelSignal cancel) {
        Objects.requireNonNull(listener, "listener");
        StreamState state = null;
        Call call = http.newCall(httpRequest(request, true));
        cancel.onCancel(call::cancel);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return error(response.code(), response.headers(), IoOutcomes.scrub(response.body().string(), apiKey));
            }
            ChatOutcome whole = nonStreamAnswer(response, request, listener);
            if (whole != null) {
                return whole;
            }
            state = newStream(listener, response.headers());
            ServerSentEventReader reader = new ServerSentEventReader(response.body().source(), state::accept);
            while (!state.over() && reader.processNextEvent()) {
                // the stream state handles each event
            }
            return state.finish(request, null);
        } catch (InterruptedIOException e) {
            return state == null ? IoOutcomes.timeout() : state.finish(request, IoOutcomes.timeout());
        } catch (IOException e) {
            ChatOutcome cause = IoOutcomes.network(e);
            return state == null ? cause : state.finish(request, cause);
        }
    }

    @Override
    public String toString() {
        // redact() drops user info and query, in case a key was put into the URL.
        return getClass().getSimpleName() + "[" + endpoint.redact() + "]";
    }

    /** One protocol's reading of one SSE stream. */
    public interface StreamState {
        void accept(ServerSentEvent event);

        /** The stream said it is done; further events are not read. */
        boolean over();

        /** The outcome at the end, or after {@code cause} (a timeout, a dropped connection) cut it off. */
        ChatOutcome finish(ChatRequest request, ChatOutcome cause);
    }
}
