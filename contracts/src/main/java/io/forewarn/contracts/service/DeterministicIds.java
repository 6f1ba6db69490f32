package io.forewarn.contracts.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based ids: the same inputs always give the same id, which makes every write from the job idempotent. */
public final class DeterministicIds {
    private DeterministicIds() {}

    public static String of(String kind, Object... parts) {
        StringBuilder key = new StringBuilder(kind);
        for (Object part : parts) {
            key.append('|').append(part);
        }
        return kind + "-" + UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8));
    }
}
