package uk.nhs.opd.pathway.query;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LZ4 through its native library. lz4-java picks its native library by itself only when its classes come from the
 * system class loader, which in a Spring Boot jar they do not: it would fall back to its pure-Java code, about half
 * as fast. Loading the library here first makes every user take it — Kafka's decompression of fetched batches and
 * the person histories alike — with the pure-Java code as the fallback where there is no library for the platform.
 */
public final class Lz4 {

    private static final Logger log = LoggerFactory.getLogger(Lz4.class);
    private static final LZ4Factory FACTORY = load();

    private Lz4() {
    }

    /** The native implementation where it loads, the fastest pure-Java one otherwise. */
    public static LZ4Factory factory() {
        return FACTORY;
    }

    private static LZ4Factory load() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (LinkageError | RuntimeException unavailable) {
            log.warn("LZ4's native library did not load ({}); using its Java implementation", unavailable.getClass().getSimpleName());
            return LZ4Factory.fastestJavaInstance();
        }
    }
}
