package dev.vmtrace.benchmarks;

import java.util.Random;

/** A boot-like run of guest accesses in primitive columns: mostly ACPI timer reads, some fw_cfg. */
final class AccessRun {
    final int n;
    final long[] time;
    final long[] address;
    final long[] value;
    final int[] size;
    final int[] region;
    final boolean[] write;

    AccessRun(int n, long seed) {
        this.n = n;
        time = new long[n];
        address = new long[n];
        value = new long[n];
        size = new int[n];
        region = new int[n];
        write = new boolean[n];
        Random rnd = new Random(seed);
        long t = 0;
        long tmr = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(3);
            time[i] = t;
            int k = rnd.nextInt(100);
            if (k < 90) {
                tmr += 3 + rnd.nextInt(6);
                address[i] = 0x608;
                value[i] = tmr & 0xffffff;
                size[i] = 4;
                region[i] = 1;
            } else if (k < 97) {
                address[i] = 0x511;
                value[i] = rnd.nextInt(256);
                size[i] = 1;
                region[i] = 2;
            } else {
                address[i] = 0x514 + 4 * rnd.nextInt(2);
                value[i] = rnd.nextInt();
                size[i] = 4;
                region[i] = 3;
                write[i] = true;
            }
        }
    }
}
