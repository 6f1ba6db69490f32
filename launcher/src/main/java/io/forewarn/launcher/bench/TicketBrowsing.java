package io.forewarn.launcher.bench;

import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One user paging through {@code GET /api/v1/tickets}, 50 a page: picks one of the filters, reads the first page,
 * then follows {@code nextCursor} for up to {@value #MAX_PAGES} pages in all, as a planner scrolling a list does;
 * then the next filter.
 */
final class TicketBrowsing implements ApiLoad.Client {
    static final int PAGE = 50;
    static final int MAX_PAGES = 5;

    private final String token;
    private final List<String> filters;
    private final SplittableRandom random;
    private String filter;
    private String cursor;
    private int pagesLeft;

    /** @param filters query fragments such as {@code "&status=OPEN"}, values already URL-encoded; "" for none */
    TicketBrowsing(String token, List<String> filters, SplittableRandom random) {
        this.token = token;
        this.filters = filters;
        this.random = random;
    }

    @Override
    public String nextUri() {
        if (pagesLeft == 0) {
            filter = filters.get(random.nextInt(filters.size()));
            pagesLeft = 1 + random.nextInt(MAX_PAGES);
            cursor = null;
        }
        String uri = "/api/v1/tickets?limit=" + PAGE + filter;
        return cursor == null ? uri : uri + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public void answered(Buffer body) {
        // Parsed whole, as a real client would: that cost is part of the client's share of the machine.
        cursor = body.toJsonObject().getString("nextCursor");
        pagesLeft = cursor == null ? 0 : pagesLeft - 1;
    }
}
