package dev.chorus.config;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * The log pattern's stack traces, with every loaded credential masked: HTTP libraries put request
 * URLs, which carry the bot token, into exception messages.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Secret.mask(super.throwableProxyToString(tp));
    }
}
