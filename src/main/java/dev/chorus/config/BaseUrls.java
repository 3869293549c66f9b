package dev.chorus.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks the base URLs of Telegram and the providers: http or https, with a host. An error says
 * what is wrong without repeating the URL, which may hold a key (user info, a query) or be a key
 * pasted into the wrong line.
 */
final class BaseUrls {
    private BaseUrls() {
    }

    /** {@code value} as a URI, or a {@link ConfigException} naming {@code label}. */
    static URI parse(String label, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw error(label, "it is not a valid URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw error(label, "it does not start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw error(label, "it has no host name");
        }
        return uri;
    }

    private static ConfigException error(String label, String problem) {
        return new ConfigException("Config error: " + label + " must be an http(s) URL such as "
                + "https://api.example.com/v1; " + problem);
    }
}
