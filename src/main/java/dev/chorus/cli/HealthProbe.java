package dev.chorus.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java -cp chorus.jar dev.chorus.cli.HealthProbe [URL]}: exits 0 when the bot's health endpoint
 * answers 200. The container's HEALTHCHECK runs it, so the image needs no curl.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/health";
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
            System.out.print(response.body());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.out.println("unhealthy: " + e.getClass().getSimpleName());
            System.exit(1);
        }
    }
}
