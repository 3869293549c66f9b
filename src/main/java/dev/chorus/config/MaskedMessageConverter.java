package dev.chorus.config;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The log pattern's {@code %msg}, with every loaded credential masked (see {@link Secret#mask}). */
public final class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Secret.mask(super.convert(event));
    }
}
