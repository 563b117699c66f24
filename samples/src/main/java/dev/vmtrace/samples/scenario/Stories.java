package dev.vmtrace.samples.scenario;

import dev.vmtrace.samples.scenario.s2.S2ArmCpregStory;
import java.util.List;
import java.util.Optional;

/**
 * The acceptance stories this build can run, in id order. One per line with a trailing comma:
 * this file merges with git's union driver (see .gitattributes).
 */
public final class Stories {
    private Stories() {
    }

    public static List<Story> all() {
        Story[] stories = {
            new dev.vmtrace.samples.scenario.s0.S0CpuHotplugStory(),
            new dev.vmtrace.samples.scenario.s1.S1SmiNegotiationStory(),
            new S2ArmCpregStory(),
            new dev.vmtrace.samples.scenario.s3.S3PciHotplugStory(),
            new dev.vmtrace.samples.scenario.s4.S4AcpiBlobStory(),
        };
        return List.of(stories);
    }

    /** The story with this id (case-insensitive). */
    public static Optional<Story> byId(String id) {
        return all().stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }
}
