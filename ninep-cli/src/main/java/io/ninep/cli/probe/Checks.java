package io.ninep.cli.probe;

import java.util.ArrayList;
import java.util.List;

/** Every check, in the order the probe runs them; hostile ones last. */
public final class Checks {
    private Checks() {}

    public static List<Check> all() {
        List<Check> all = new ArrayList<>();
        all.addAll(VersionChecks.all());
        all.addAll(FlushChecks.all());
        all.addAll(WalkChecks.all());
        all.add(ReaddirCheck.check());
        all.addAll(HostileChecks.all());
        return List.copyOf(all);
    }
}
