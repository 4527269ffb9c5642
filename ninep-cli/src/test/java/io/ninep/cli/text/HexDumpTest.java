package io.ninep.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexDumpTest {
    @Test
    void shortAndCut() {
        byte[] b = {0x07, 0, 0, 0, (byte) 0xfa, 1, 0};
        assertThat(HexDump.of(b, 64)).isEqualTo("07000000fa0100");
        assertThat(HexDump.of(b, 4)).isEqualTo("07000000... (7 bytes)");
        assertThat(HexDump.of(b, 4, 3, 64)).isEqualTo("fa0100");
    }
}
