package dev.chorus.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/** Loads the recorded provider fixtures from the test classpath (src/test/resources/fixtures). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers of a {@code .headers.txt} fixture; its first line is the HTTP status line. */
    public static Headers headers(String path) {
        Headers.Builder headers = new Headers.Builder();
        read(path).lines().skip(1).filter(line -> !line.isBlank()).forEach(headers::add);
        return headers.build();
    }

    /** The status code from a {@code .headers.txt} fixture's status line. */
    public static int status(String path) {
        return Integer.parseInt(read(path).lines().findFirst().orElseThrow().split(" ")[1]);
    }
}
