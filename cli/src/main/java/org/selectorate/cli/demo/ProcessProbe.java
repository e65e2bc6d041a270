package org.selectorate.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel says of a platform process and its descendants (PostgreSQL's backends): resident memory now and
 * at its peak, and CPU time. Linux only; on another system every figure reads 0.
 */
final class ProcessProbe {
    /** Linux's USER_HZ, the unit of /proc/[pid]/stat's CPU times: 100 on every mainstream architecture. */
    static final long TICKS_PER_SECOND = 100;

    private ProcessProbe() {
    }

    /**
     * Memory in KiB and CPU time in ticks. {@code peakKib} is the largest single process's peak (VmHWM): the limit
     * is per process. {@code rssKib} counts memory shared between a tree's processes (PostgreSQL's shared buffers,
     * in every backend's VmRSS) once.
     */
    record Usage(long rssKib, long peakKib, long cpuTicks) {
        long cpuMillis() {
            return cpuTicks * 1000 / TICKS_PER_SECOND;
        }
    }

    /**
     * The process {@code pid} and its living descendants. CPU includes the children the process has waited for
     * (a PostgreSQL backend that ended still counts), so a difference of two readings is the tree's CPU between them.
     */
    static Usage ofTree(long pid) {
        return ProcessHandle.of(pid).map(p -> {
            long privateKib = 0;
            long sharedKib = 0;
            long peak = 0;
            long ticks = 0;
            List<ProcessHandle> tree = new ArrayList<>(List.of(p));
            tree.addAll(p.descendants().toList());
            for (ProcessHandle h : tree) {
                String status = read(h.pid(), "status");
                String stat = read(h.pid(), "stat");
                if (status == null || stat == null) {
                    continue;
                }
                long shared = kib(status, "RssShmem:");
                privateKib += kib(status, "VmRSS:") - shared;
                sharedKib = Math.max(sharedKib, shared);
                peak = Math.max(peak, kib(status, "VmHWM:"));
                ticks += cpuTicks(stat, h.pid() == pid);
            }
            return new Usage(privateKib + sharedKib, peak, ticks);
        }).orElse(new Usage(0, 0, 0));
    }

    static Usage of(long pid, boolean withWaitedChildren) {
        String status = read(pid, "status");
        String stat = read(pid, "stat");
        return status == null || stat == null ? new Usage(0, 0, 0)
                : new Usage(kib(status, "VmRSS:"), kib(status, "VmHWM:"), cpuTicks(stat, withWaitedChildren));
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (Exception e) {
            // The process ended between listing and reading, or this is not Linux.
            return null;
        }
    }

    /** A "Name:   1234 kB" line of /proc/[pid]/status, in KiB; 0 if absent. */
    static long kib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /**
     * utime + stime (fields 14 and 15 of /proc/[pid]/stat), plus cutime + cstime (16, 17) if asked. The fields are
     * counted after the command name's closing parenthesis, as the name itself may hold spaces.
     */
    static long cpuTicks(String stat, boolean withWaitedChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3].
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withWaitedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }
}
