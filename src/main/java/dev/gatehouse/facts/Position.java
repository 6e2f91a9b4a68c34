package dev.gatehouse.facts;

/** Positions in the principal chain at which a resource policy can name a caller (semantics.md §3.3). */
public final class Position {
    public static final int NONE = -1;
    public static final int ACCOUNT = 0;
    public static final int ROLE = 1;
    public static final int USER = 2;
    public static final int SESSION = 3;

    private Position() {
    }

    public static String name(int p) {
        return switch (p) {
            case ACCOUNT -> "account";
            case ROLE -> "role";
            case USER -> "user";
            case SESSION -> "session";
            default -> "none";
        };
    }
}
