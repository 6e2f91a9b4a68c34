package dev.gatehouse;

import java.nio.file.Path;

/**
 * Where the shared test data is ({@code ../shared} beside the checkout, or {@code -Dgatehouse.shared=DIR}, which
 * .ci/run sets when the clone is not beside it).
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path path(String relative) {
        return Path.of(System.getProperty("gatehouse.shared", "../shared")).resolve(relative);
    }
}
