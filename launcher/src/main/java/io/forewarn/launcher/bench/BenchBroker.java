package io.forewarn.launcher.bench;

/** A broker the benchmark starts for itself, on a free port of 127.0.0.1, and stops afterwards. */
interface BenchBroker extends AutoCloseable {

    /** Name and version, for the report. */
    String name();

    String uri();

    /** How the broker limits unacknowledged QoS 1 messages per connection, for the report's notes. */
    String inflightLimit();
}
