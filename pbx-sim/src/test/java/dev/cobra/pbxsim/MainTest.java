package dev.cobra.pbxsim;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void runsWithoutArguments() {
        Main.main(new String[0]);
    }
}
