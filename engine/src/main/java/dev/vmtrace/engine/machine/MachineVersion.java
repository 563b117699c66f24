package dev.vmtrace.engine.machine;

/**
 * The version suffix of a machine type ({@code 2.6}, {@code 4.0.1}).
 *
 * @param major major
 * @param minor minor
 * @param micro micro (only {@code pc-q35-4.0.1} uses one)
 */
public record MachineVersion(int major, int minor, int micro) implements Comparable<MachineVersion> {

    /** Parses {@code X.Y} or {@code X.Y.Z}; null when malformed. */
    public static MachineVersion parse(String s) {
        Release r = Release.parse(s);
        return r == null ? null : new MachineVersion(r.major(), r.minor(), r.micro());
    }

    /** Whether this version is at most {@code X.Y} (so compat lists for X.Y apply). */
    public boolean atMost(int maj, int min) {
        return major < maj || (major == maj && minor <= min);
    }

    @Override
    public int compareTo(MachineVersion o) {
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
        return micro == 0 ? major + "." + minor : major + "." + minor + "." + micro;
    }
}
