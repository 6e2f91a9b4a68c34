package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * "Why not" (issue "The auditor's experience", item 4, in part): a can-reach that cannot names what stops the hop
 * straight to the role — the identity side and the trust policy — each in words.
 */
class WhyNotTest {
    @Test
    void cannotReachNamesWhatStopsTheHopStraightToTheRole() {
        CliTest.Run r = CliTest.run("can-reach", "--from", "alice", "--to", "BreakGlassRole", "--quiet");
        assertEquals(Main.DENIED, r.code(), r.err());
        assertTrue(r.out().startsWith("arn:aws:iam::111111111111:user/alice cannot reach arn:aws:iam::333333333333:role/BreakGlassRole\n"
                + "why not, for the hop straight to it:\n"), r.out());
        assertTrue(r.out().contains("  sts:AssumeRole: no identity policy of arn:aws:iam::111111111111:user/alice allows it\n"), r.out());
        assertTrue(r.out().contains("  sts:AssumeRole: the trust policy of arn:aws:iam::333333333333:role/BreakGlassRole does not allow it "
                + "to arn:aws:iam::111111111111:user/alice"), r.out());
        CliTest.Run can = CliTest.run("can-reach", "--from", "dave", "--to", "DeployRole", "--quiet");
        assertTrue(can.code() == Main.ALLOWED && !can.out().contains("why not"), can.out());
    }
}
