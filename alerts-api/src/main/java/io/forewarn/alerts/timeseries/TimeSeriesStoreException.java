package io.forewarn.alerts.timeseries;

/**
 * A read the time-series store could not answer: it is unreachable, or it refused the query. The message names the
 * store, what went wrong and the query, so an operator can act on it without a stack trace.
 */
public class TimeSeriesStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String store;
    private final String query;
    private final boolean unavailable;

    public TimeSeriesStoreException(String store, String problem, String query, boolean unavailable, Throwable cause) {
        super(store + " " + problem + (query == null ? "" : "; query: " + query), cause);
        this.store = store;
        this.query = query;
        this.unavailable = unavailable;
    }

    /** Which store, e.g. {@code QuestDB at jdbc:postgresql://localhost:8812/qdb}. */
    public String store() {
        return store;
    }

    /** The query text (with its bound parameters), or null when the failure came before any query. */
    public String query() {
        return query;
    }

    /** True when the store could not be reached or answered 5xx/429 (worth retrying later); false when it refused the query. */
    public boolean unavailable() {
        return unavailable;
    }
}
