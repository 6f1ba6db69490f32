package io.forewarn.launcher.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Records generated before a benchmark's Flink job starts, handed to the job's source by reference: the job runs in
 * this JVM (a local MiniCluster), so nothing is serialised into the job graph and generating them is not measured.
 * The source notes when it emits its first record, where a measured run begins.
 */
final class PreGenerated<T> implements AutoCloseable {
    private static final Map<String, PreGenerated<?>> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final List<T> records;
    private final AtomicLong firstEmittedNanos = new AtomicLong();

    private PreGenerated(String name, List<T> records) {
        this.name = name;
        this.records = List.copyOf(records);
    }

    /** Makes {@code records} available to sources under {@code name} until closed. */
    static <T> PreGenerated<T> load(String name, List<T> records) {
        PreGenerated<T> loaded = new PreGenerated<>(name, records);
        if (LOADED.putIfAbsent(name, loaded) != null) {
            throw new IllegalStateException("records named " + name + " are loaded already");
        }
        return loaded;
    }

    /** A bounded source emitting the records in order (split between its parallel readers by index range). */
    DataGeneratorSource<T> source(Class<T> type) {
        return new DataGeneratorSource<>(new Lookup<>(name), records.size(), TypeInformation.of(type));
    }

    int size() {
        return records.size();
    }

    T get(int index) {
        return records.get(index);
    }

    /** {@link System#nanoTime()} when a source first emitted one of the records; 0 before. */
    long firstEmittedNanos() {
        return firstEmittedNanos.get();
    }

    /** Forgets when the records were first emitted, for another run of the same records. */
    void rewind() {
        firstEmittedNanos.set(0);
    }

    @Override
    public void close() {
        LOADED.remove(name, this);
    }

    /** Looks record {@code i} up in the JVM's loaded records: the function is serialised with the job, the records are not. */
    private static final class Lookup<T> implements GeneratorFunction<Long, T> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private transient PreGenerated<T> loaded;

        Lookup(String name) {
            this.name = name;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void open(SourceReaderContext readerContext) {
            loaded = (PreGenerated<T>) LOADED.get(name);
            if (loaded == null) {
                throw new IllegalStateException("no records named " + name + " in this JVM: the benchmark runs its job locally");
            }
        }

        @Override
        public T map(Long index) {
            if (loaded.firstEmittedNanos.get() == 0) {
                loaded.firstEmittedNanos.compareAndSet(0, System.nanoTime());
            }
            return loaded.records.get(index.intValue());
        }
    }
}
