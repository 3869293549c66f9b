package dev.chorus.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Reads the recorded Bot API bodies in {@code fixtures/telegram/} with telegrambots' own types. */
final class TelegramFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelegramFixtures() {
    }

    static Update update(String name) {
        try (InputStream in = open(name)) {
            return JSON.readTree(in).path("result").get(0).traverse(JSON).readValueAs(Update.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiResponse<?> error(String name) {
        try (InputStream in = open(name)) {
            return JSON.readValue(in, ApiResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = TelegramFixtures.class.getResourceAsStream("/fixtures/telegram/" + name);
        if (in == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        return in;
    }
}
