package dev.gatehouse.api;

/** A gate that lacked an Allow: its name and, for SCP and RCP gates, the org level. */
public record GateRef(String gate, String level) {
    public String describe() {
        return level == null ? gate : gate + " level " + level;
    }
}
