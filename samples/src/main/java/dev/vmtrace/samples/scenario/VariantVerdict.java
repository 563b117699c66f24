package dev.vmtrace.samples.scenario;

/** Whether one variant of a story (a policy, release, machine type...) broke, and why in short. */
public record VariantVerdict(String variant, boolean broken, String summary) {
}
