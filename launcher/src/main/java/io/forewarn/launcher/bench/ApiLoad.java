package io.forewarn.launcher.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A closed loop of concurrent HTTP clients against one endpoint: each client sends its next request as soon as the
 * answer to its last one is in, so exactly {@code clients} requests are in flight all the time. A warm-up comes
 * first; latencies and throughput count the answers that arrive within the measured window.
 */
final class ApiLoad {
    /** One simulated client: what it asks next, with which token, and what it learns from each answer. */
    interface Client {
        /** Path and query of the next request. */
        String nextUri();

        /** The bearer token to send, or null for none. */
        String token();

        /** The body of a 200 answer to the last request (a list's next cursor, say). */
        default void answered(Buffer body) {}
    }

    /** One phase's figures over its measured window; errors over the whole phase, by kind. */
    record Result(String name, int clients, long requests, Map<String, Long> errors, Duration window, long bytes,
            int maxInFlight, LatencyHistogram latencies, Duration processCpu) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double perSecond() {
            return requests / (window.toNanos() / 1e9);
        }

        long meanBytes() {
            return requests == 0 ? 0 : bytes / requests;
        }

        /**
         * CPU time of this whole JVM (API, embedded QuestDB and the clients; not the PostgreSQL processes) per request
         * in the window: unlike latency, it hardly depends on how many other processes share the machine.
         */
        double cpuMillisPerRequest() {
            return requests == 0 ? 0 : processCpu.toNanos() / 1e6 / requests;
        }
    }

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Vertx vertx;
    private final HttpClient http;

    ApiLoad(Vertx vertx, HttpClient http) {
        this.vertx = vertx;
        this.http = http;
    }

    /** Runs {@code clients} clients ({@code clientOf} makes client i) for the warm-up and then the measured window. */
    Result run(String name, int clients, IntFunction<Client> clientOf, Duration warmUp, Duration measured, Progress progress)
            throws InterruptedException {
        Phase phase = new Phase(clients);
        long started = System.nanoTime();
        phase.measureFrom = started + warmUp.toNanos();
        phase.measureTo = phase.measureFrom + measured.toNanos();
        for (int i = 0; i < clients; i++) {
            phase.send(clientOf.apply(i));
        }
        long total = (phase.measureTo - started) / 1_000_000_000L;
        long cpuFrom = warmUp.isZero() ? PROCESS.getProcessCpuTime() : -1;
        while (System.nanoTime() < phase.measureTo) {
            long next = System.nanoTime() < phase.measureFrom ? phase.measureFrom : phase.measureTo;
            Thread.sleep(Math.max(1, Math.min(1000, (next - System.nanoTime()) / 1_000_000)));
            if (cpuFrom < 0 && System.nanoTime() >= phase.measureFrom) {
                cpuFrom = PROCESS.getProcessCpuTime();
            }
            long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
            progress.show(name, String.format(Locale.ROOT, "%3d / %d s  %s  %,d answers  %,d errors  %d in flight", elapsed, total,
                    System.nanoTime() < phase.measureFrom ? "warm-up " : "measured", phase.answers.sum(),
                    phase.errorCount(), phase.inFlight.get()));
        }
        Duration cpu = Duration.ofNanos(PROCESS.getProcessCpuTime() - cpuFrom);
        phase.stopping = true;
        if (!phase.stopped.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": " + phase.stopped.getCount() + " clients still wait for an answer two minutes on");
        }
        Result result = new Result(name, clients, phase.latencies.count(), phase.errors(), measured, phase.bytes.get(),
                phase.maxInFlight.get(), phase.latencies, cpu);
        progress.done(String.format(Locale.ROOT, "%,.0f requests/s, %,d errors", result.perSecond(), result.errorCount()));
        return result;
    }

    /** The shared state of one phase's clients. */
    private final class Phase {
        volatile long measureFrom;
        volatile long measureTo;
        volatile boolean stopping;
        final CountDownLatch stopped;
        final LatencyHistogram latencies = new LatencyHistogram();
        final AtomicLong bytes = new AtomicLong();
        final LongAdder answers = new LongAdder();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        Phase(int clients) {
            stopped = new CountDownLatch(clients);
        }

        void send(Client client) {
            if (stopping) {
                stopped.countDown();
                return;
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            long start = System.nanoTime();
            http.request(HttpMethod.GET, client.nextUri())
                    .compose(request -> {
                        if (client.token() != null) {
                            request.putHeader("Authorization", "Bearer " + client.token());
                        }
                        return request.send();
                    })
                    .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                    .onComplete(done -> {
                        long end = System.nanoTime();
                        inFlight.decrementAndGet();
                        answers.increment();
                        boolean measuring = end >= measureFrom && end < measureTo;
                        if (done.succeeded() && done.result().status() == 200) {
                            client.answered(done.result().body());
                            if (measuring) {
                                latencies.record(end - start);
                                bytes.addAndGet(done.result().body().length());
                            }
                            send(client);
                            return;
                        }
                        errors.computeIfAbsent(errorKind(done.succeeded() ? done.result() : null, done.cause()),
                                k -> new LongAdder()).increment();
                        if (measuring) {
                            latencies.record(end - start); // a failed request is still a request the server took
                        }
                        // A refused connection fails at once, on this stack: carry on from the event loop instead.
                        vertx.runOnContext(v -> send(client));
                    });
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        Map<String, Long> errors() {
            Map<String, Long> counts = new TreeMap<>();
            errors.forEach((kind, count) -> counts.put(kind, count.sum()));
            return counts;
        }
    }

    private record Answer(int status, Buffer body) {}

    private static String errorKind(Answer answer, Throwable failure) {
        if (answer != null) {
            String body = answer.body().toString();
            return "HTTP " + answer.status() + " " + body.substring(0, Math.min(160, body.length()));
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** Closes the client's connections; the Vert.x instance stays the caller's. */
    Future<Void> close() {
        return http.close();
    }
}
