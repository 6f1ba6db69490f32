package io.forewarn.alerts.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque page cursor: the sort key of the last item of a page, base64url-encoded.
 * Opaque to clients so the sort key can change without breaking them.
 */
public final class Cursor {
    private static final char SEPARATOR = '\n';

    private Cursor() {}

    public static String encode(String... keyParts) {
        String joined = String.join(String.valueOf(SEPARATOR), keyParts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of {@code cursor}; a cursor this API did not issue is a 400 problem. */
    public static List<String> decode(String cursor, int expectedParts) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(joined.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() != expectedParts || parts.stream().anyMatch(String::isEmpty)) {
                throw invalid();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("cursor is not one this API issued; pass back nextCursor unchanged");
    }
}
