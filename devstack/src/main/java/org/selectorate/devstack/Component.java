package org.selectorate.devstack;

/** One process of the platform. */
public interface Component {
    String name();

    /** Starts the process (if it is not running) and returns once it is healthy. */
    void start() throws Exception;

    boolean healthy();

    /** What a person uses to reach it. */
    String address();
}
