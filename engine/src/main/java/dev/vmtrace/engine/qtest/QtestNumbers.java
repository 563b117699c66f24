package dev.vmtrace.engine.qtest;

import java.math.BigInteger;

/**
 * QEMU's {@code qemu_strtou64}/{@code qemu_strtoi64} with base 0 and no end pointer: optional
 * leading whitespace and sign, {@code 0x} hex, leading-0 octal or decimal, the whole string
 * consumed, no overflow. A negative unsigned number wraps, as strtoull does.
 */
final class QtestNumbers {
    private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64);

    private QtestNumbers() {
    }

    /** The unsigned value, or null when QEMU's parser reports an error. */
    static Long parseU64(String s) {
        BigInteger v = parse(s);
        if (v == null) {
            return null;
        }
        if (v.signum() < 0) {
            BigInteger mag = v.negate();
            if (mag.compareTo(U64) >= 0) {
                return null;
            }
            return U64.subtract(mag).mod(U64).longValue();
        }
        return v.compareTo(U64) >= 0 ? null : v.longValue();
    }

    /** The signed value, or null when QEMU's parser reports an error. */
    static Long parseI64(String s) {
        BigInteger v = parse(s);
        if (v == null || v.bitLength() > 63) {
            return null;
        }
        return v.longValue();
    }

    private static BigInteger parse(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        while (i < n && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 128) {
            i++;
        }
        if (i == start || i != n) {
            return null;
        }
        if (s.length() - start > 64) {
            return null;
        }
        BigInteger v = new BigInteger(s.substring(start, i), radix);
        return neg ? v.negate() : v;
    }

    /** A hex digit's value, or -1 (what QEMU's qtest makes of a non-hex character in {@code write} data). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
