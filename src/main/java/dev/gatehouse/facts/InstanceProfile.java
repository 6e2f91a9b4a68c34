package dev.gatehouse.facts;

/** The export lists an instance profile for the role: EC2 can run with it. */
public record InstanceProfile(String role) {
}
