package dev.vmtrace.trace.internal;

import java.nio.charset.StandardCharsets;

/** Constants of the single-file form. */
public final class FileForm {
    /** The first 8 bytes of a single-file trace. */
    public static final byte[] MAGIC = "VMTRACE1".getBytes(StandardCharsets.US_ASCII);
    /** Largest single-file trace read (documented cap: 2 GiB, one mapping). */
    public static final long MAX_FILE = Integer.MAX_VALUE;

    private FileForm() {
    }

    /** True when {@code head} starts with {@link #MAGIC}. */
    public static boolean hasMagic(byte[] head, int len) {
        if (len < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
