package dev.vmtrace.engine.memory;

import java.util.Objects;

/**
 * An address space: a root region rendered into a {@link FlatView}. The view is rebuilt lazily
 * after any topology change below the root.
 */
public final class AddressSpace {
    private final String name;
    private final Space space;
    private final Region root;
    private final long limit;
    private final Region unassigned;
    private FlatView view;

    /**
     * An address space over {@code root}. Addresses at or beyond {@code limit} (or not covered
     * by any region) answer as unassigned memory, which refuses every access.
     */
    public AddressSpace(String name, Space space, Region root, long limit) {
        this.name = Objects.requireNonNull(name, "name");
        this.space = Objects.requireNonNull(space, "space");
        this.root = Objects.requireNonNull(root, "root");
        if (root.parent() != null) {
            throw new IllegalArgumentException("root region '" + root.name() + "' is mapped elsewhere");
        }
        this.limit = limit;
        this.unassigned = Region.unassignedMemory("unassigned", Long.MAX_VALUE);
        root.setTopologyListener(() -> view = null);
    }

    public String name() {
        return name;
    }

    public Space space() {
        return space;
    }

    public Region root() {
        return root;
    }

    /** The first address beyond the space. */
    public long limit() {
        return limit;
    }

    /** The current flat view (rebuilt if the topology changed). */
    public FlatView flatView() {
        FlatView v = view;
        if (v == null) {
            v = FlatView.render(root, limit);
            view = v;
        }
        return v;
    }

    /** The region that answers where nothing is mapped. */
    public Region unassigned() {
        return unassigned;
    }
}
