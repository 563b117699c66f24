package dev.vmtrace.engine.devices.pm;

/**
 * The migrated SMI negotiation state (subsection {@code ICH9LPC/smi_feat} v1).
 *
 * @param requested the guest's request ({@code smi_guest_features_le}, sent as 8 LE bytes)
 * @param ok {@code smi_features_ok}
 * @param negotiated {@code smi_negotiated_features}
 */
public record SmiFeaturesState(long requested, boolean ok, long negotiated) {
}
