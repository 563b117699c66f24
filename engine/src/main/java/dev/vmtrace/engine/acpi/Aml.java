package dev.vmtrace.engine.acpi;

import java.nio.charset.StandardCharsets;

/**
 * A minimal AML encoder (ACPI 6.x section 20): enough opcodes to describe CPUs, PCI slots,
 * bridges and NVDIMMs with real AML structure, so tables grow with the configuration as QEMU's
 * do. Not QEMU's AML: byte equality with QEMU is not a goal (docs/acpi-blobs.md).
 */
public final class Aml {
    private final AcpiBlob out = new AcpiBlob();

    /** The encoded bytes. */
    public byte[] toBytes() {
        return out.toBytes();
    }

    /** The encoded length. */
    public int length() {
        return out.length();
    }

    /** {@code Scope(name) { body }}. */
    public Aml scope(String name, Aml body) {
        out.u8(0x10);
        pkg(concat(nameString(name), body.toBytes()));
        return this;
    }

    /** {@code Device(name) { body }}. */
    public Aml device(String name, Aml body) {
        out.u8(0x5b).u8(0x82);
        pkg(concat(nameString(name), body.toBytes()));
        return this;
    }

    /** {@code Name(name, integer)}. */
    public Aml nameInt(String name, long value) {
        out.u8(0x08).bytes(nameString(name));
        integer(value);
        return this;
    }

    /** {@code Name(name, "string")}. */
    public Aml nameString(String name, String value) {
        out.u8(0x08).bytes(nameString(name));
        string(value);
        return this;
    }

    /** {@code Name(name, Buffer() { bytes })}. */
    public Aml nameBuffer(String name, byte[] bytes) {
        out.u8(0x08).bytes(nameString(name));
        buffer(bytes);
        return this;
    }

    /** {@code Method(name, args) { body }} (not serialized). */
    public Aml method(String name, int args, Aml body) {
        out.u8(0x14);
        pkg(concat(concat(nameString(name), new byte[] {(byte) (args & 7)}), body.toBytes()));
        return this;
    }

    /** {@code Return(integer)}. */
    public Aml returnInt(long value) {
        out.u8(0xa4);
        integer(value);
        return this;
    }

    /** {@code Return(name(arg...))}: a call of a method with integer arguments. */
    public Aml returnCall(String method, long... args) {
        out.u8(0xa4).bytes(nameString(method));
        for (long a : args) {
            integer(a);
        }
        return this;
    }

    /** {@code Notify(name, value)}. */
    public Aml notify(String target, long value) {
        out.u8(0x86).bytes(nameString(target));
        integer(value);
        return this;
    }

    /** Raw AML bytes. */
    public Aml raw(byte[] b) {
        out.bytes(b);
        return this;
    }

    private void integer(long v) {
        if (v == 0) {
            out.u8(0x00);
        } else if (v == 1) {
            out.u8(0x01);
        } else if (v >= 0 && v <= 0xff) {
            out.u8(0x0a).u8((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            out.u8(0x0b).le(v, 2);
        } else if (v >= 0 && v <= 0xffffffffL) {
            out.u8(0x0c).le(v, 4);
        } else {
            out.u8(0x0e).le(v, 8);
        }
    }

    private void string(String s) {
        out.u8(0x0d).bytes(s.getBytes(StandardCharsets.US_ASCII)).u8(0);
    }

    private void buffer(byte[] b) {
        Aml size = new Aml();
        size.integer(b.length);
        out.u8(0x11);
        pkg(concat(size.toBytes(), b));
    }

    /** Writes a PkgLength covering itself and {@code body}, then the body. */
    private void pkg(byte[] body) {
        int n = body.length;
        if (n + 1 < 0x40) {
            out.u8(n + 1);
        } else if (n + 2 < 0x1000) {
            int l = n + 2;
            out.u8(0x40 | (l & 0xf)).u8(l >>> 4);
        } else if (n + 3 < 0x100000) {
            int l = n + 3;
            out.u8(0x80 | (l & 0xf)).u8((l >>> 4) & 0xff).u8(l >>> 12);
        } else {
            int l = n + 4;
            out.u8(0xc0 | (l & 0xf)).u8((l >>> 4) & 0xff).u8((l >>> 12) & 0xff).u8(l >>> 20);
        }
        out.bytes(body);
    }

    /** A NameString: a root/parent prefix, then 4-character segments joined by dots. */
    static byte[] nameString(String name) {
        AcpiBlob b = new AcpiBlob();
        String s = name;
        while (s.startsWith("\\") || s.startsWith("^")) {
            b.u8(s.charAt(0));
            s = s.substring(1);
        }
        String[] segs = s.isEmpty() ? new String[0] : s.split("\\.");
        if (segs.length == 2) {
            b.u8(0x2e);
        } else if (segs.length > 2) {
            b.u8(0x2f).u8(segs.length);
        } else if (segs.length == 0) {
            b.u8(0);
        }
        for (String seg : segs) {
            b.ascii(padSeg(seg), 4);
        }
        return b.toBytes();
    }

    private static String padSeg(String seg) {
        if (seg.isEmpty() || seg.length() > 4) {
            throw new IllegalArgumentException("AML name segment must be 1..4 characters: " + seg);
        }
        StringBuilder sb = new StringBuilder(seg);
        while (sb.length() < 4) {
            sb.append('_');
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
