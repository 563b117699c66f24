package dev.vmtrace.cli;

/** Process entry point: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws java.io.IOException {
        String samples = System.getProperty("vmtrace.cds.samples");
        if (samples != null) {
            // the build's class-data-sharing training run: started through -jar like every real
            // run, because JVM flags such as --add-opens would make the archive unusable with -jar
            CdsTraining.main(new String[] {samples, System.getProperty("vmtrace.cds.work", "target/cds-training")});
        }
        System.exit(VmtraceCommand.execute(args, System.out, System.err));
    }
}
