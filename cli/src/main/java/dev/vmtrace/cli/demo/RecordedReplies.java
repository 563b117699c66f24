package dev.vmtrace.cli.demo;

import java.util.List;

/**
 * How the engine's replies to a bundled qtest script compare with the replies real QEMU 7.2.22
 * gave to the same script ({@code samples/qtest/*.replies}, one line per command).
 *
 * @param same commands the engine answered as QEMU did
 * @param total commands in the script
 * @param firstDifference the first command answered differently, with the engine's reply, or null
 * @param complete whether the recording has one reply per command
 */
record RecordedReplies(int same, int total, String firstDifference, boolean complete) {
    /** Compares {@code engine}'s replies to {@code script} with QEMU's recorded {@code qemu} ones. */
    static RecordedReplies compare(List<String> script, List<String> engine, List<String> qemu) {
        int same = 0;
        String first = null;
        for (int i = 0; i < script.size(); i++) {
            if (i < qemu.size() && engine.get(i).equals(qemu.get(i))) {
                same++;
            } else if (first == null) {
                first = "line " + (i + 1) + " '" + script.get(i) + "': engine " + engine.get(i);
            }
        }
        return new RecordedReplies(same, script.size(), first, qemu.size() == script.size());
    }

    /** Every command answered as QEMU did. */
    boolean identical() {
        return complete && same == total;
    }

    /** "{@code same}/{@code total}". */
    String counts() {
        return same + "/" + total;
    }

    /** "; first difference ..." or nothing. */
    String difference() {
        return firstDifference == null ? "" : "; first difference " + firstDifference;
    }
}
