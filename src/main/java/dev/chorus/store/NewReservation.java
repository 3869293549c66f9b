package dev.chorus.store;

import java.time.Instant;

/**
 * A provider call about to be made: {@code reservedMicros} is its worst-case cost, held until it is
 * settled; {@code estimateMicros} its likely cost, charged if the process dies after sending it.
 */
public record NewReservation(String id, Instant at, long userId, long chatId, String model, String purpose,
                             long reservedMicros, long estimateMicros) {
}
