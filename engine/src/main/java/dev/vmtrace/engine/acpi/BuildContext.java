package dev.vmtrace.engine.acpi;

import java.util.ArrayList;
import java.util.List;

/** The state of one build: the tables blob, the linker, root-table entries and what was built. */
final class BuildContext {
    final AcpiBlob tables = new AcpiBlob();
    final BiosLinker linker = new BiosLinker();
    final List<Integer> rootEntries = new ArrayList<>();
    final List<AcpiBuildResult.TableInfo> infos = new ArrayList<>();
    final List<AcpiBuildResult.ExtraFile> extra = new ArrayList<>();
    int amlLength;

    BuildContext(int tablesAlign) {
        linker.allocate(AcpiFiles.TABLES, tables, tablesAlign, false);
    }

    /** Records a finished table starting at {@code start}; {@code listed}: an entry in RSDT/XSDT. */
    void record(String sig, int start, boolean listed, boolean aml) {
        int len = tables.length() - start;
        infos.add(new AcpiBuildResult.TableInfo(sig, start, len));
        if (listed) {
            rootEntries.add(start);
        }
        if (aml) {
            amlLength += len;
        }
    }

    AcpiBuildResult finish(AcpiBlob rsdp) {
        return new AcpiBuildResult(new AcpiBuildResult.Blob(tables.toBytes()), new AcpiBuildResult.Blob(rsdp.toBytes()),
                new AcpiBuildResult.Blob(linker.toBytes(0)), amlLength, infos, extra);
    }
}
