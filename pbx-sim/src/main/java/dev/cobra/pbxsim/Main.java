package dev.cobra.pbxsim;

/** Standalone entry point of the PBX simulator (filled by the Asterisk issue). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("pbx-sim: no scenario support yet");
    }
}
