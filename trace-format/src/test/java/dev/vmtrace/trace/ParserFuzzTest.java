package dev.vmtrace.trace;

import static org.junit.jupiter.api.Assertions.fail;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.testing.RealQemu;
import dev.vmtrace.trace.internal.Frames;
import dev.vmtrace.trace.qemu.BuiltinRegionRules;
import dev.vmtrace.trace.qemu.Inputs;
import dev.vmtrace.trace.qemu.QemuLogImporter;
import dev.vmtrace.trace.qtest.QtestImporter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz-style checks (seeded, bounded, run in every build): mutated real inputs make every parser
 * either succeed or throw {@link BadInputException}, never anything else. The seeds are the real
 * OVMF trace and a qtest script; mutations overwrite, insert, delete and truncate bytes.
 */
class ParserFuzzTest {
    private static final String[] TOKENS = {"0x", "'", " ", "\n", "-1", "size 9", "@", ":", "ffffffffffffffffff",
        "memory_region_ops_read ", "memory_region_ops_write cpu ", "name '", "[R +", "[S +", "OK 0x"};

    @TempDir
    Path tmp;

    private static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0: b[at] = (byte) rnd.nextInt(256); break;
                case 1: b = Arrays.copyOf(b, at); break;
                case 2: {
                    byte[] t = TOKENS[rnd.nextInt(TOKENS.length)].getBytes();
                    byte[] c = new byte[b.length + t.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(t, 0, c, at, t.length);
                    System.arraycopy(b, at, c, at + t.length, b.length - at);
                    b = c;
                    break;
                }
                case 3: {
                    int len = Math.min(b.length - at, rnd.nextInt(40));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                    break;
                }
                default: b[at] = (byte) "0123456789abcdefx '\n".charAt(rnd.nextInt(20)); break;
            }
        }
        return b;
    }

    @Test
    void qemuLogImporterOnlyEverRaisesBadInput() throws Exception {
        byte[] seed;
        try (InputStream in = Inputs.open(RealQemu.realDir().resolve("trace/ovmf-q35-smp2-max4.devices.log.gz"), null)) {
            seed = Arrays.copyOf(in.readAllBytes(), 60_000);
        }
        Random rnd = new Random(31);
        for (int k = 0; k < 300; k++) {
            byte[] input = mutate(seed, rnd);
            try (TraceWriter w = TraceWriter.createFile(tmp.resolve("t"), TestTraces.header())) {
                new QemuLogImporter(new BuiltinRegionRules(), "pc-q35-7.2", "7.2.22")
                        .importTo(new ByteArrayInputStream(input), "fuzz", w);
            } catch (BadInputException expected) {
                // allowed
            } catch (RuntimeException | Error e) {
                fail("iteration " + k + ": " + e, e);
            }
        }
    }

    @Test
    void qtestImporterOnlyEverRaisesBadInput() throws Exception {
        byte[] seed = ("outl 0xcd8 0x0\noutb 0xcdd 0x0\ninl 0xcd8\nwritel 0xfed00010 0x3\nreadq 0xfed000f0\n"
                + "clock_step 1000\nwrite 0x1000 3 0x010203\nread 0x1000 3\n[R +0.1] inb 0x70\n[S +0.2] OK 0x00\n")
                .getBytes();
        Random rnd = new Random(32);
        for (int k = 0; k < 600; k++) {
            byte[] input = mutate(seed, rnd);
            try (TraceWriter w = TraceWriter.createFile(tmp.resolve("t"), TestTraces.header())) {
                new QtestImporter().importTo(new ByteArrayInputStream(input), "fuzz", w);
            } catch (BadInputException expected) {
                // allowed
            } catch (RuntimeException | Error e) {
                fail("iteration " + k + ": " + new String(input) + ": " + e, e);
            }
        }
    }

    @Test
    void metadataFrameNamingAnotherKryoClassIsRejectedBeforeAnyAllocation() throws Exception {
        // Kryo class id 1 (+2 on the wire) is its built-in String; then a 2 GiB character count.
        byte[] payload = {3, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(dev.vmtrace.trace.internal.FileForm.MAGIC);
        out.write(Frames.frame(Frames.HEADER, payload, payload.length));
        Path p = tmp.resolve("crafted");
        Files.write(p, out.toByteArray());
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> TraceReader.open(p));
        org.junit.jupiter.api.Assertions.assertEquals(8, e.offset());
    }

    @Test
    void headerFrameGarbageWithValidCrcOnlyEverRaisesBadInput() throws Exception {
        Path file = tmp.resolve("good");
        try (TraceWriter w = TraceWriter.createFile(file, TestTraces.header())) {
            TestTraces.write(w, TestTraces.everyType());
        }
        byte[] good = Files.readAllBytes(file);
        int len = Frames.getIntLE(good, 12);
        Random rnd = new Random(33);
        for (int k = 0; k < 600; k++) {
            byte[] b = good.clone();
            for (int f = 0; f < 1 + rnd.nextInt(3); f++) {
                b[16 + rnd.nextInt(len)] = (byte) rnd.nextInt(256);
            }
            Frames.putIntLE(b, 16 + len, Frames.crc(b, 8, 8 + len));
            Path p = tmp.resolve("bad");
            Files.write(p, b);
            try (TraceReader r = TraceReader.open(p)) {
                r.skipDamage(true);
                TestTraces.readAll(r);
            } catch (BadInputException expected) {
                // allowed
            } catch (RuntimeException | Error e) {
                fail("iteration " + k + ": " + e, e);
            }
        }
    }
}
