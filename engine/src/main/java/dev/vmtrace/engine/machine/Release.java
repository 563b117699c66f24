package dev.vmtrace.engine.machine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QEMU release (for example 2.7, 5.1 or 7.2.22). It selects device implementation variants
 * (device code asks {@link #atLeast}) and the machine types it offers, and implies an
 * {@link AccessPolicy}.
 *
 * @param major major version
 * @param minor minor version
 * @param micro stable micro version (0 for x.y.0)
 */
public record Release(int major, int minor, int micro) implements Comparable<Release> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{1,3}))?");

    /** The releases the catalogue documents. */
    public static final List<Release> KNOWN = List.of(
            of(2, 7, 0), of(2, 9, 0), of(4, 0, 0), of(4, 1, 0), of(5, 0, 0), of(5, 1, 0), of(5, 2, 0),
            of(6, 0, 0), of(7, 2, 0), of(7, 2, 22));

    /** The reference release (Debian's 7.2+dfsg-7+deb12u18 reports 7.2.22). */
    public static final Release DEFAULT = of(7, 2, 22);

    /** Validates the numbers. */
    public Release {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("negative version part");
        }
    }

    /** A release from its parts. */
    public static Release of(int major, int minor, int micro) {
        return new Release(major, minor, micro);
    }

    /** Parses {@code X.Y} or {@code X.Y.Z}; null when malformed. */
    public static Release parse(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        int micro = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), micro);
    }

    /** Whether this release is {@code other} or newer. */
    public boolean atLeast(Release other) {
        return compareTo(other) >= 0;
    }

    /** Whether this release is X.Y.Z or newer. */
    public boolean atLeast(int maj, int min, int mic) {
        return atLeast(of(maj, min, mic));
    }

    /** The policy this release implies: lenient for 1.6 to 5.0 (a014ed07bd5a), else strict. */
    public AccessPolicy impliedPolicy() {
        return atLeast(1, 6, 0) && !atLeast(5, 1, 0) ? AccessPolicy.LENIENT : AccessPolicy.STRICT;
    }

    /** The machine-type version this release introduced ({@code X.Y}). */
    public MachineVersion machineVersion() {
        return new MachineVersion(major, minor, 0);
    }

    @Override
    public int compareTo(Release o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return micro == 0 && !(major == 7 && minor == 2) ? major + "." + minor : major + "." + minor + "." + micro;
    }
}
